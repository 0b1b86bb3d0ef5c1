/**
 * `/api/docs`: the API reference as one HTML page rendered on the server from the
 * generated OpenAPI document. It needs no script and nothing from the internet, so
 * it works offline and under the server's strict Content-Security-Policy, and prints.
 */

type Schema = Record<string, unknown>;
interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Schema }> }
  >;
}
interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const anchor = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

/** A schema's type in a few words, with named schemas as links. */
function typeOf(s: Schema | undefined): string {
  if (!s) return '';
  if (typeof s.$ref === 'string') {
    const name = refName(s.$ref);
    return `<a href="#schema-${anchor(name)}">${esc(name)}</a>`;
  }
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alts) return alts.map(typeOf).join(' or ');
  if (Array.isArray(s.enum)) {
    return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  }
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  const types = Array.isArray(s.type)
    ? (s.type as string[])
    : [typeof s.type === 'string' ? s.type : 'any'];
  return types
    .map((t) => (t === 'array' ? `array of ${typeOf(s.items as Schema | undefined)}` : esc(t)))
    .join(' or ');
}

function limits(s: Schema): string {
  const out: string[] = [];
  if (s.minimum !== undefined) out.push(`≥ ${esc(s.minimum)}`);
  if (s.maximum !== undefined) out.push(`≤ ${esc(s.maximum)}`);
  if (s.minLength !== undefined) out.push(`at least ${esc(s.minLength)} characters`);
  if (s.maxLength !== undefined) out.push(`at most ${esc(s.maxLength)} characters`);
  if (s.minItems !== undefined) out.push(`at least ${esc(s.minItems)}`);
  if (s.maxItems !== undefined) out.push(`at most ${esc(s.maxItems)}`);
  if (s.format !== undefined) out.push(esc(s.format));
  if (s.pattern !== undefined) out.push(`matches <code>${esc(s.pattern)}</code>`);
  if (s.default !== undefined) out.push(`default <code>${esc(JSON.stringify(s.default))}</code>`);
  return out.join(', ');
}

/** An object schema's fields as a table; any other schema as its type. */
function fields(s: Schema | undefined): string {
  if (!s) return '';
  const alts = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (alts && alts.every((a) => a.type === 'object')) {
    return alts.map((a) => `<div class="alt">One of: ${fields(a)}</div>`).join('');
  }
  const props = s.properties as Record<string, Schema> | undefined;
  if (s.type !== 'object' || !props) return `<p>${typeOf(s)}</p>`;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows = Object.entries(props).map(
    ([name, p]) =>
      `<tr><td><code>${esc(name)}</code>${required.has(name) ? '' : ' <small>(optional)</small>'}</td><td>${typeOf(p)}</td><td>${limits(p)}</td></tr>`,
  );
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Rules</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function operation(base: string, path: string, method: string, op: Operation): string {
  const id = anchor(`${method} ${path}`);
  const params = (op.parameters ?? []).map(
    (p) =>
      `<tr><td><code>${esc(p.name)}</code> <small>(${esc(p.in)}${p.required ? '' : ', optional'})</small></td><td>${typeOf(p.schema)}</td><td>${p.schema ? limits(p.schema) : ''}</td></tr>`,
  );
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
    const schema = r.content?.['application/json']?.schema;
    return `<li><strong>${esc(status)}</strong> ${esc(r.description ?? '')}${schema ? ` — ${typeOf(schema)}` : ''}</li>`;
  });
  return `<section class="op" id="${id}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(base + path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>
${params.length ? `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>Type</th><th>Rules</th></tr></thead><tbody>${params.join('')}</tbody></table>` : ''}
${body ? `<h4>Body</h4>${typeof body.$ref === 'string' ? `<p>${typeOf(body)}</p>` : fields(body)}` : ''}
<h4>Answers</h4><ul>${responses.join('')}</ul>
</section>`;
}

/** The page of an OpenAPI 3.1 document (read through the fields the page shows). */
export function docsPage(document: object): string {
  const doc = document as OpenApiDoc;
  const base = doc.servers?.[0]?.url ?? '';
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(base, path, method, op)]);
      const link = `<li><a href="#${anchor(`${method} ${path}`)}">${esc(method.toUpperCase())} ${esc(path)}</a></li>`;
      toc.set(tag, [...(toc.get(tag) ?? []), link]);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(
    ([name, s]) =>
      `<section id="schema-${anchor(name)}"><h3>${esc(name)}</h3>${fields(s)}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} reference</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}a{color:#8ab4ff}th,td{border-color:#444}}
code{font-family:ui-monospace,monospace;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.method{display:inline-block;min-width:4.5rem;font-family:ui-monospace,monospace}
.op{border-top:1px solid #ccc;padding-top:.5rem;margin-top:1rem}
nav ul{columns:2}@media (max-width:40rem){nav ul{columns:1}}
</style></head><body>
<h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description ?? '')}</p>
<p>Every path below starts with <code>${esc(base)}</code>. The machine-readable document is at <a href="${esc(base)}/openapi.json"><code>${esc(base)}/openapi.json</code></a>.</p>
<nav aria-label="Contents">${[...toc].map(([tag, links]) => `<h2>${esc(tag)}</h2><ul>${links.join('')}</ul>`).join('')}<h2><a href="#schemas">Schemas</a></h2></nav>
<main>${[...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join('')}`).join('')}
<h2 id="schemas">Schemas</h2>${schemas.join('')}</main>
</body></html>`;
}
