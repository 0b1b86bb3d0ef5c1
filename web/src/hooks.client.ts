import { config } from 'zod/v4/core';

// Runs once, before the app renders and before any schema is built (zod decides at a
// schema's construction): the CSP allows no eval, so zod must not probe for it (it
// would, and the browser would report a violation). Only zod's small core is imported
// here; the schemas themselves load after the first screen (lib/schemas.ts).
config({ jitless: true });
