import { apiFetch } from '../api.ts';
import type { ChainCheck, ChainResult } from '../db/activity.ts';

/** Ask the server to walk the shop's audit chain (owners only). */
export async function fetchChain(shopId: string): Promise<ChainResult> {
  const res = await apiFetch(`/api/shops/${encodeURIComponent(shopId)}/audit/verify`);
  return (await res.json()) as ChainResult;
}

/** An entry as the chain status names it: its sentence and when it was written. */
export interface NamedEntry {
  sentence: string;
  at: string;
}

export interface ChainWords {
  tone: 'ok' | 'broken';
  headline: string;
  /** where it broke, or how old an offline answer is */
  detail: string;
}

/**
 * The chain check in words: "Chain verified up to <time of the last entry>", or which
 * entry broke (its sentence and time) and why; an answer kept from before says so.
 */
export function chainWords(
  check: ChainCheck,
  entry: NamedEntry | null,
  fresh: boolean,
  when: (iso: string) => string,
): ChainWords {
  const stale = fresh
    ? ''
    : `Last checked ${when(check.checkedAt)}; it is checked again when this device is online.`;
  const r = check.result;
  if (r.ok) {
    const headline = entry
      ? `Chain verified up to ${when(entry.at)}`
      : r.entries === 0
        ? 'Nothing recorded yet to verify'
        : `Chain verified: all ${r.entries} entries intact`;
    return { tone: 'ok', headline, detail: stale };
  }
  const which = entry
    ? `The entry “${entry.sentence}” of ${when(entry.at)}`
    : `An entry this device does not have`;
  return {
    tone: 'broken',
    headline: 'The activity log’s chain is broken',
    detail: [`${which}: ${r.reason}.`, 'Entries after it cannot be vouched for.', stale]
      .filter(Boolean)
      .join(' '),
  };
}
