/**
 * Text a person typed, as every layer accepts it. Refused rather than cleaned: a
 * replicated document is stored exactly as its device wrote it, so the server can
 * only say no, and the app checks the same rule before saving.
 *
 * - NUL and other control characters, C1 included (a tab, line break or Unicode line or
 *   paragraph separator only where text may span lines),
 * - lone UTF-16 surrogates (not text; they break JSON and databases downstream),
 * - bidirectional overrides and isolates, which make "Anna" display as another name.
 */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const BIDI = '\\u202A-\\u202E\\u2066-\\u2069';
const LONE_SURROGATE =
  '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

const MULTI_LINE_BAD = new RegExp(`[${CONTROL}${BIDI}]|${LONE_SURROGATE}`);
const SINGLE_LINE_BAD = new RegExp(`[\\t\\n\\r\\u2028\\u2029${CONTROL}${BIDI}]|${LONE_SURROGATE}`);

/** True when `s` is fine as a single line (a name, a code, a label). */
export const isSafeLine = (s: string): boolean => !SINGLE_LINE_BAD.test(s);

/** True when `s` is fine as text that may span lines (a note, an address). */
export const isSafeText = (s: string): boolean => !MULTI_LINE_BAD.test(s);

export const UNSAFE_TEXT_MESSAGE = 'must not contain control characters or direction overrides';
