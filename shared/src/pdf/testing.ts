import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF's text as a reader would copy it (one space for any run of white space), for tests. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
