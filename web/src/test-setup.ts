import 'fake-indexeddb/auto';

// PouchDB's idb adapter sniffs the user agent.
(globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'node' };
