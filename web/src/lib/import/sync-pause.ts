import { app } from '../app.svelte.ts';
import type { SyncPause } from './import-flow.svelte.ts';

/** The app's live sync, paused for an import and started again after it (if it ran). */
export const appSyncPause: SyncPause = {
  pause() {
    const running = app.sync.phase !== 'stopped';
    app.sync.stop();
    return () => {
      if (running) void app.resumeSync();
    };
  },
};
