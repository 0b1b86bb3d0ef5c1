import { codeKey } from '../catalog-codes.ts';

/**
 * A code for a product the file gives none: its name in capitals with the letters a
 * scanner code may hold ("Red apples (1 kg)" → "RED-APPLES-1-KG"), accents dropped,
 * numbered when taken ("RED-APPLES-1-KG-2"). `taken` holds code keys and grows.
 */
export function codeFromName(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'ITEM';
  let code = base;
  for (let n = 2; taken.has(codeKey(code)); n++) code = `${base}-${n}`;
  taken.add(codeKey(code));
  return code;
}
