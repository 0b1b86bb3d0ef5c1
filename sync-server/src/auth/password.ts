import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as Common from '@zxcvbn-ts/language-common';
import type * as En from '@zxcvbn-ts/language-en';

// argon2id with the OWASP minimum parameters (~70 ms here).
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | null = null;
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-0000');
  await verifyPassword(await dummyHash, password);
}

/**
 * zxcvbn's word lists and the ranked dictionaries built from them hold about 25 MB of
 * heap (measured), which every full garbage collection of a busy server walks. They
 * are loaded when a password is judged (~200 ms, beside the hash's ~70 ms) and let go
 * after a minute without one: the lists come through `require`, whose cache can
 * forget a module (an `import` stays for the life of the process).
 */
export const STRENGTH_IDLE_MS = 60_000;
const LISTS = ['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'] as const;
let zxcvbn: ZxcvbnFactory | null = null;
let letGo: ReturnType<typeof setTimeout> | null = null;
/** the modules the lists brought into `require`'s cache, to be forgotten with them */
let loaded: string[] = [];

function loadChecker(): ZxcvbnFactory {
  // a fresh `require` each time: the module it stands for remembers what it loaded
  const load = createRequire(import.meta.url);
  const before = new Set(Object.keys(load.cache));
  const common = load(LISTS[0]) as typeof Common;
  const en = load(LISTS[1]) as typeof En;
  loaded = Object.keys(load.cache).filter((path) => !before.has(path));
  return new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
}

function letGoOfChecker(): void {
  zxcvbn = null;
  letGo = null;
  const cache = createRequire(import.meta.url).cache;
  for (const path of loaded) delete cache[path];
  loaded = [];
}

function strengthChecker(): ZxcvbnFactory {
  zxcvbn ??= loadChecker();
  if (letGo) clearTimeout(letGo);
  letGo = setTimeout(letGoOfChecker, STRENGTH_IDLE_MS);
  letGo.unref();
  return zxcvbn;
}

/** Whether the dictionaries are in memory now (for tests). */
export const strengthCheckerHeld = () => zxcvbn !== null;

export const MIN_PASSWORD_LENGTH = 10;

/**
 * zxcvbn matches user inputs as whole dictionary words, so "Olga Smith" alone would not
 * catch "olgasmith" or "olga.smith": add the email's local part, each word, and the words run together.
 */
function personalWords(inputs: string[]): string[] {
  const out = new Set<string>();
  for (const raw of inputs) {
    const text = raw.trim().toLowerCase();
    if (!text) continue;
    const local = text.split('@')[0] ?? text;
    const words = local.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    for (const w of [text, local, ...words, words.join('')]) if (w) out.add(w);
  }
  return [...out];
}

/** null when the password is strong enough, else a sentence saying why not. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > 200) return 'Use at most 200 characters.';
  const result = strengthChecker().check(password, personalWords(userInputs));
  if (result.score >= 3) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `This password is too easy to guess.${hint ? ` ${hint}` : ''}`;
}
