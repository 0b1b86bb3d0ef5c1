import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDoc, customerDoc, productDoc, settingsDoc } from './fixtures/index.ts';
import { parseShopDoc } from './schemas/index.ts';
import { isSafeLine, isSafeText } from './text.ts';

/**
 * The classes a person's text may not hold, written out code unit by code unit (not
 * with text.ts's regular expressions): control characters, C0 and C1 (tab, LF, CR and
 * the Unicode line and paragraph separators are allowed only where text spans lines),
 * bidirectional overrides and isolates, and UTF-16 surrogates that are not half of a pair.
 */
function refused(s: string, multiLine: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lineBreakOrTab = c === 0x09 || c === 0x0a || c === 0x0d;
    if ((c <= 0x1f && !(multiLine && lineBreakOrTab)) || (c >= 0x7f && c <= 0x9f)) return true;
    if ((c === 0x2028 || c === 0x2029) && !multiLine) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
    const high = (x: number) => x >= 0xd800 && x <= 0xdbff;
    const low = (x: number) => x >= 0xdc00 && x <= 0xdfff;
    if (high(c) && !low(s.charCodeAt(i + 1))) return true;
    if (low(c) && !high(s.charCodeAt(i - 1))) return true;
  }
  return false;
}

/** Characters near every edge of those classes, and ordinary text around them. */
const EDGES = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\t',
  '\n',
  '\u000B',
  '\u000C',
  '\r',
  '\u001F',
  ' ',
  '~',
  '\u007F',
  '\u0080',
  '\u0085',
  '\u009F',
  '\u00A0',
  '\u2028',
  '\u2029',
  '\u0080',
  '\u0085',
  '\u200E',
  '\u200F',
  '\u2029',
  '\u202A',
  '\u202C',
  '\u202E',
  '\u202F',
  '\u2065',
  '\u2066',
  '\u2069',
  '\u206A',
  '\uD7FF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uE000',
  '\uFEFF',
  '\uFFFF',
  '😀',
  'é',
  'Anna',
];
const unitArb = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ maxLength: 3 }),
);
const textArb = fc.array(unitArb, { maxLength: 12 }).map((parts) => parts.join(''));

describe('isSafeLine and isSafeText', () => {
  it('refuse exactly control characters, bidi overrides and isolates, and lone surrogates', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        const shown = JSON.stringify(s);
        expect(isSafeLine(s), shown).toBe(!refused(s, false));
        expect(isSafeText(s), shown).toBe(!refused(s, true));
      }),
      { numRuns: 5000 },
    );
  });

  it('let a tab or line break into text that spans lines, never into a line', () => {
    for (const brk of ['\n', '\r\n', '\t']) {
      expect(isSafeText(`Ring twice${brk}then wait`)).toBe(true);
      expect(isSafeLine(`Ring twice${brk}then wait`)).toBe(false);
    }
  });

  it('refuse the three classes wherever they sit in the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10, unit: 'grapheme' }),
        fc.constantFrom('\u0000', '\uD800', '\uDC00', '\u202E', '\u2066', '\u007F'),
        fc.string({ maxLength: 10, unit: 'grapheme' }),
        (before, bad, after) => {
          // a lone high surrogate next to a low one would make a pair: keep them apart
          const s = `${before}${bad}${bad === '\uD800' ? ' ' : ''}${after}`;
          expect(isSafeLine(s)).toBe(false);
          expect(isSafeText(s)).toBe(false);
        },
      ),
    );
  });

  it('accept any well-formed text without those classes (emoji and accents included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const clean = [...s].filter((ch) => !refused(ch, false)).join('');
        expect(isSafeLine(clean), JSON.stringify(clean)).toBe(true);
        expect(isSafeText(clean)).toBe(true);
      }),
    );
  });
});

// ---- in the document schemas ------------------------------------------------

const BAD = {
  NUL: 'Ann\u0000a',
  'a lone surrogate': 'Ann\uD800a',
  'a bidi override': '\u202EannA',
  'a line break': 'Anna\nBerg',
};

describe('names in documents', () => {
  it.each(Object.entries(BAD))('refuse %s in names and single-line fields', (_, bad) => {
    const docs: Record<string, unknown>[] = [
      productDoc({ name: bad }),
      customerDoc({ name: bad }),
      customerDoc({ location: bad }),
      auditDoc({ userName: bad }),
      settingsDoc({ shopName: bad }),
    ];
    for (const doc of docs) {
      const parsed = parseShopDoc(doc);
      expect(parsed.ok, JSON.stringify(doc)).toBe(false);
    }
  });

  it('accept a line break in a note, but not NUL, a lone surrogate or an override', () => {
    expect(parseShopDoc(customerDoc({ notes: 'Back door\nafter 5pm' })).ok).toBe(true);
    expect(parseShopDoc(customerDoc({ address: 'Market St 1\r\nStall 4' })).ok).toBe(true);
    for (const bad of [BAD.NUL, BAD['a lone surrogate'], BAD['a bidi override']]) {
      expect(parseShopDoc(customerDoc({ notes: bad })).ok).toBe(false);
    }
  });

  it('accept ordinary names from anywhere', () => {
    for (const name of ['Zoë Ōtsuka', 'محمد', '李小龙', 'Anna 😀', "O'Brien-Smith"]) {
      expect(parseShopDoc(productDoc({ name })).ok, name).toBe(true);
      expect(parseShopDoc(customerDoc({ name })).ok, name).toBe(true);
      expect(parseShopDoc(auditDoc({ userName: name })).ok, name).toBe(true);
      expect(parseShopDoc(settingsDoc({ shopName: name })).ok, name).toBe(true);
    }
  });
});
