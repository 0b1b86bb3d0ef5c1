import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from './csp.ts';

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes each inline script body as written, skipping scripts with a src', () => {
    const html = [
      '<script src="/a.js"></script>',
      '<script type="module" src="/b.js" async></script>',
      '<SCRIPT>\n  start("é");\n</SCRIPT>',
      '<script type="module">import("/c.js")</script >',
    ].join('\n');
    expect(inlineScriptHashes(html)).toEqual([
      sha256('\n  start("é");\n'),
      sha256('import("/c.js")'),
    ]);
  });

  it('hashes line endings as the browser parses them (CR LF and CR become LF)', () => {
    expect(inlineScriptHashes('<script>a();\r\nb();\rc();</script>')).toEqual([
      sha256('a();\nb();\nc();'),
    ]);
  });

  it('lists a repeated script once, and nothing for a page without inline scripts', () => {
    expect(inlineScriptHashes('<script>x()</script><p></p><script>x()</script>')).toEqual([
      sha256('x()'),
    ]);
    expect(inlineScriptHashes('<p data-src="x">no scripts</p>')).toEqual([]);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts from our origin and the given hashes only', () => {
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
    expect(contentSecurityPolicy(["'sha256-AAA='", "'sha256-BBB='"])).toContain(
      "script-src 'self' 'sha256-AAA=' 'sha256-BBB=';",
    );
    expect(contentSecurityPolicy(["'sha256-AAA='"])).not.toMatch(/script-src[^;]*unsafe/);
  });
});
