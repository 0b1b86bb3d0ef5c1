import type { z } from 'zod';
import { TARGET_WORD, type CustomerTarget, type ProductTarget } from './fields.ts';

/** One problem with one row of a file, said in a seller's words. */
export interface RowError {
  /** the row's number as a spreadsheet shows it (the header is row 1) */
  line: number;
  /** the field it is about, or null for the whole row */
  field: ProductTarget | CustomerTarget | null;
  /** "price 'abc' is not an amount" */
  message: string;
}

/** "Row 14: price 'abc' is not an amount". */
export const rowErrorText = (e: RowError): string => `Row ${e.line}: ${e.message}`;

/** A cell quoted for a message, cut short when long. */
export const quoteCell = (text: string): string =>
  `'${text.length > 40 ? `${text.slice(0, 39)}…` : text}'`;

/**
 * The shared schema's objections as row errors: its own messages where it has them
 * ("name is required"), plain words for the generic ones (lengths).
 */
export function schemaErrors(
  line: number,
  error: z.ZodError,
  fieldOf: (key: string) => ProductTarget | CustomerTarget | null,
): RowError[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const field = fieldOf(key);
    const word = field ? TARGET_WORD[field] : key;
    let message: string;
    if (issue.code === 'too_big' && issue.origin === 'string') {
      message = `${word} is too long (at most ${String(issue.maximum)} characters)`;
    } else if (issue.code === 'too_small' && issue.origin === 'string') {
      message = `${word} is required`;
    } else if (issue.code === 'too_big' || issue.code === 'too_small') {
      message = `${word} is ${issue.code === 'too_big' ? 'too large' : 'too small'}`;
    } else {
      message = issue.message.startsWith(word) ? issue.message : `${word} ${issue.message}`;
    }
    return { line, field, message };
  });
}
