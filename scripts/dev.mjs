// `pnpm dev`: the sync server (tsx watch, port 8787) and Vite's dev server (5173,
// proxying /api and /db to it) side by side, and the shop page's (5174); Ctrl-C stops all.
import { spawn } from 'node:child_process';

const children = [
  spawn('pnpm', ['--filter', '@stallkeeper/sync-server', 'dev'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '8787' },
  }),
  spawn('pnpm', ['--filter', '@stallkeeper/web', 'dev'], { stdio: 'inherit' }),
  // the customers' shop page is a Vite entry of its own (web/src/storefront)
  spawn('pnpm', ['--filter', '@stallkeeper/web', 'dev:storefront'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    if (code) process.exitCode = code;
    stop();
  });
