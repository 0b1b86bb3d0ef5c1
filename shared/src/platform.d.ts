// The one platform API shared relies on; present in browsers and Node ≥ 19 alike.
// eslint-disable-next-line no-var -- a global must be declared with var
declare var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
