// The one platform API shared relies on; present in browsers and Node ≥ 19 alike.
declare var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
