// The analysis worker thread's entry: plain JavaScript, so that it starts the same under
// `npm start` (tsx in the main thread) and under vitest; it registers tsx for itself, as
// scripts/start.mjs does, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./analysisWorkerMain.ts');
