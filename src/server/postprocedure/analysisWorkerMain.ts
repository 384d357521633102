import { parentPort } from 'node:worker_threads';
import { analyse } from './analyse';
import type { JobMessage, WorkerMessage } from './analysisJob';

/*
 * The analysis worker thread (started through analysisWorker.mjs, which registers tsx): takes one
 * job at a time from the main thread, answers its progress and its outcome. Registration takes
 * seconds of CPU; here it never holds the server's event loop.
 */
const port = parentPort;
if (!port) throw new Error('analysisWorkerMain runs in a worker thread only');

port.on('message', (m: JobMessage) => {
  const flag = new Int32Array(m.cancel);
  let lastProgress = 0;
  void analyse(m.job, {
    cancelled: () => Atomics.load(flag, 0) === 1,
    onProgress: (fraction, phase) => {
      // At most ~10 messages a second: the main thread only logs and forwards them.
      const now = performance.now();
      if (now - lastProgress < 100) return;
      lastProgress = now;
      port.postMessage({ id: m.id, type: 'progress', fraction, phase } satisfies WorkerMessage);
    },
  }).then((outcome) => port.postMessage({ id: m.id, type: 'done', outcome } satisfies WorkerMessage));
});
