import { devicePrefix, STOREFRONT_AUTHOR } from '@stallkeeper/shared';

/** What a screen calls a person or device it has no name for: never their id. */
export const UNKNOWN_PERSON = 'Another seller';
export const UNKNOWN_DEVICE = 'Another device';
export const THIS_DEVICE = 'This device';
/**
 * Who and what writes the orders customers place on the shop page: the server
 * writes them as user and device `storefront` (never a member, never shown as an id).
 */
export const SHOP_PAGE_ID = STOREFRONT_AUTHOR;
export const SHOP_PAGE = 'Shop page';

/** A value a filter offers: the id it filters by, and the words it shows. */
export interface Choice {
  id: string;
  name: string;
}

/** A person's name as this device knows it. */
export function personName(userId: string, names: ReadonlyMap<string, string>): string {
  if (userId === SHOP_PAGE_ID) return SHOP_PAGE;
  return names.get(userId)?.trim() || UNKNOWN_PERSON;
}

/** A device in words: this one, or whose it is (the last person who sold on it). */
export function deviceName(
  deviceId: string,
  thisDevice: string,
  seller: string | undefined,
  names: ReadonlyMap<string, string>,
): string {
  if (deviceId === thisDevice) return THIS_DEVICE;
  if (deviceId === SHOP_PAGE_ID) return SHOP_PAGE;
  const who = seller ? names.get(seller)?.trim() : '';
  return who ? `${who}'s device` : UNKNOWN_DEVICE;
}

/** Sorted by name, with same-named entries told apart by `tell` (never by a raw id). */
function distinct(choices: Choice[], tell: (c: Choice, n: number) => string): Choice[] {
  const sorted = [...choices].sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Map<string, number>();
  const count = new Map<string, number>();
  for (const c of sorted) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  return sorted.map((c) => {
    if ((count.get(c.name) ?? 0) < 2) return c;
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return { id: c.id, name: `${c.name} (${tell(c, n)})` };
  });
}

/** The sellers a filter offers, by name; unknown ones numbered. */
export function sellerChoices(
  ids: readonly string[],
  names: ReadonlyMap<string, string>,
): Choice[] {
  return distinct(
    ids.map((id) => ({ id, name: personName(id, names) })),
    (_, n) => String(n),
  );
}

/**
 * The devices a filter offers: "This device" first, then "Sam's device"; two
 * devices of one name are told apart by the prefix their order numbers carry.
 */
export function deviceChoices(
  ids: readonly string[],
  thisDevice: string,
  sellers: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string>,
): Choice[] {
  const all = distinct(
    ids.map((id) => ({ id, name: deviceName(id, thisDevice, sellers.get(id), names) })),
    (c) => `numbers ${devicePrefix(c.id)}-…`,
  );
  return [...all.filter((c) => c.id === thisDevice), ...all.filter((c) => c.id !== thisDevice)];
}
