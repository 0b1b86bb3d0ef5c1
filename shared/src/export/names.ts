/**
 * The names an export writes for people and devices, by id. A file leaves the
 * device, so it carries the names a person knows, never an id; the caller knows
 * them (the device's activity log and team list, or the seed's generated people).
 */
export interface ExportNames {
  /** user id → the person's name */
  people: ReadonlyMap<string, string>;
  /** device id → how the shop calls the device ("Sam's phone") */
  devices: ReadonlyMap<string, string>;
}

/** A name from a map; empty when it is not known (never the id). */
export const nameOf = (names: ReadonlyMap<string, string>, id: string): string =>
  names.get(id) ?? '';
