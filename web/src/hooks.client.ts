import { z } from 'zod';

// Runs once, before the app renders. The CSP allows no eval, so zod must not probe
// for it (it would, at the first parse, and the browser would report a violation).
z.config({ jitless: true });
