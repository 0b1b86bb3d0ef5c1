import {
  BUSINESS_KINDS,
  BUSINESSES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LANDLINE_PREFIX,
  MOBILE_PREFIXES,
  NOTES,
  STREETS,
  SURNAMES,
  VILLAGES,
} from './people-data.ts';
import type { Rng } from './rng.ts';

/** One customer of a generated shop, before it becomes a document. */
export interface CustomerSpec {
  name: string;
  phone: string;
  email: string;
  address: string;
  location: string;
  notes: string;
  /** a restaurant or café: buys on account, gets invoices, often has it delivered */
  business: boolean;
}

const EIRCODE_CHARS = 'ACDEFHKNPRTVWXY0123456789';
const EIRCODE_LETTERS = 'ACDEFHKNPRTVWXY';

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

/** "R95 X2K7": Kilkenny's routing key and a unique identifier. */
function eircode(rng: Rng): string {
  let id = rng.pick([...EIRCODE_LETTERS]);
  for (let i = 0; i < 3; i++) id += rng.pick([...EIRCODE_CHARS]);
  return `R95 ${id}`;
}

const mobile = (rng: Rng) => `${rng.pick(MOBILE_PREFIXES)} ${digits(rng, 3)} ${digits(rng, 4)}`;
const landline = (rng: Rng) => `${LANDLINE_PREFIX} 77${digits(rng, 1)} ${digits(rng, 4)}`;

/** An email's local part: no accents, apostrophes or spaces ("Siobhán O'Brien" → siobhan.obrien). */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z -]/g, '')
    .toLowerCase()
    .replace(/[ -]+/g, '');

function townAddress(rng: Rng): { address: string; location: string } {
  return {
    address: `${rng.int(1, 48)} ${rng.pick(STREETS)}, Kilkenny, ${eircode(rng)}`,
    location: 'Kilkenny',
  };
}

function countryAddress(rng: Rng): { address: string; location: string } {
  const v = rng.pick(VILLAGES);
  return {
    address: `${rng.pick(v.townlands)}, ${v.town}, Co. Kilkenny, ${eircode(rng)}`,
    location: v.town,
  };
}

/**
 * `count` customers of a Kilkenny market stall: people from town and the villages
 * around, and about one in eight a restaurant, café or guesthouse buying on account.
 * Names are unique while the name lists allow. Deterministic for one `rng` state.
 */
export function buildCustomers(count: number, rng: Rng): CustomerSpec[] {
  const businesses = count === 0 ? 0 : Math.max(1, Math.round(count / 8));
  const out: CustomerSpec[] = [];
  const names = new Set<string>();
  const emails = new Set<string>();
  const unique = (make: () => string) => {
    let name = make();
    for (let i = 0; i < 20 && names.has(name); i++) name = make();
    names.add(name);
    return name;
  };
  const uniqueEmail = (local: string, domain: string) => {
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    return email;
  };

  let kitchens = 0;
  for (let i = 0; i < count; i++) {
    // kitchens spread through the list, so a small shop has a few of them too
    if (i % 8 === 3 && kitchens < businesses) {
      const known = BUSINESSES[kitchens++];
      const name = unique(() =>
        known && !names.has(known.name)
          ? known.name
          : `${rng.pick(SURNAMES)}'s ${rng.pick(BUSINESS_KINDS)}`,
      );
      const domain = known?.name === name ? known.domain : `${plain(name)}.ie`;
      const chef = rng.pick(FIRST_NAMES);
      out.push({
        name,
        phone: landline(rng),
        email: uniqueEmail('orders', domain),
        ...townAddress(rng),
        notes: `Kitchen orders: ask for ${chef}. Buys on account; invoice with each delivery.`,
        business: true,
      });
      continue;
    }
    const name = unique(() => `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`);
    const [given = '', family = ''] = name.split(' ');
    out.push({
      name,
      phone: rng.chance(0.85) ? mobile(rng) : landline(rng),
      email: rng.chance(0.7)
        ? uniqueEmail(`${plain(given)}.${plain(family)}`, rng.pick(EMAIL_DOMAINS))
        : '',
      ...(rng.chance(0.6) ? townAddress(rng) : countryAddress(rng)),
      notes: rng.chance(0.2) ? rng.pick(NOTES) : '',
      business: false,
    });
  }
  return out;
}
