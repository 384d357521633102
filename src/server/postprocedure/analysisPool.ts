import { Worker } from 'node:worker_threads';
import { volumeMessage, type AnalysisJob, type AnalysisOutcome, type JobMessage, type WorkerMessage } from './analysisJob';
import type { PlanningVolume } from '../../planning/volume/planningVolume';

/** What a caller gives for one analysis: the job with its volumes as the cache holds them (copied on the way in). */
export type AnalysisRequest = Omit<AnalysisJob, 'ct' | 'cbct'> & { readonly ct: PlanningVolume; readonly cbct: PlanningVolume };

/** Thrown by {@link AnalysisPool.run} when the queue is full: the caller answers 503 with Retry-After. */
export class AnalysisBusy extends Error {
  constructor(readonly retryAfterS: number) {
    super(`the server is running other analyses; try again in about ${retryAfterS} s`);
    this.name = 'AnalysisBusy';
  }
}

/** Options of {@link createAnalysisPool}. */
export interface AnalysisPoolOptions {
  /** Analyses waiting behind the running one before new ones are refused (default 2). */
  readonly maxWaiting?: number;
  /** An analysis running longer is stopped (the worker ended, a new one started for the next; default 10 min). */
  readonly timeoutMs?: number;
  /** Seconds a refused caller is told to wait, per analysis ahead of it (default 30). */
  readonly secondsPerAnalysis?: number;
  /** The worker's entry (default analysisWorker.mjs beside this file). */
  readonly workerUrl?: URL;
  /** Progress of the running analysis (default: none). */
  readonly onProgress?: (fraction: number, phase: string) => void;
}

/** One analysis at a time, off the event loop, in a worker thread kept for the next. */
export interface AnalysisPool {
  /** Runs the analysis when its turn comes; resolves its outcome; throws {@link AnalysisBusy} when the queue is full. `signal` aborts it (waiting or running). */
  run(request: AnalysisRequest, signal?: AbortSignal): Promise<AnalysisOutcome>;
  /** Analyses running or waiting. */
  pending(): number;
  /** Ends the worker; analyses still waiting resolve 'cancelled'. */
  close(): Promise<void>;
}

interface Pending {
  readonly id: number;
  readonly request: AnalysisRequest;
  readonly cancel: SharedArrayBuffer;
  readonly resolve: (o: AnalysisOutcome) => void;
}

/**
 * The server's analysis queue: one worker thread (started on the first analysis, kept, ended
 * with the app), one analysis at a time in it, up to `maxWaiting` behind it. The volumes are
 * copied into buffers transferred to the worker, so the cached volumes stay the cache's.
 * Cancelling sets a shared flag the running analysis reads between its steps; a waiting one
 * simply leaves the queue. A worker that dies or runs past the timeout is ended and replaced;
 * only its own analysis fails.
 */
export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const maxWaiting = options.maxWaiting ?? 2;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const perAnalysis = options.secondsPerAnalysis ?? 30;
  const url = options.workerUrl ?? new URL('./analysisWorker.mjs', import.meta.url);
  const waiting: Pending[] = [];
  let running: (Pending & { timer: NodeJS.Timeout }) | undefined;
  let worker: Worker | undefined;
  let nextId = 1;
  let closed = false;

  const finish = (outcome: AnalysisOutcome): void => {
    const done = running;
    if (!done) return;
    clearTimeout(done.timer);
    running = undefined;
    done.resolve(outcome);
    startNext();
  };

  const dropWorker = (): void => {
    const w = worker;
    worker = undefined;
    if (w) void w.terminate();
  };

  const workerFor = (): Worker => {
    if (worker) return worker;
    const w = new Worker(url);
    w.on('message', (m: WorkerMessage) => {
      if (!running || m.id !== running.id) return;
      if (m.type === 'progress') options.onProgress?.(m.fraction, m.phase);
      else finish(m.outcome);
    });
    // A worker already replaced (timed out, closed) says nothing about the analysis running now.
    w.on('error', (e) => {
      if (worker !== w) return;
      worker = undefined;
      finish({ kind: 'error', message: `the analysis worker failed: ${e.message}` });
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      finish({ kind: 'error', message: `the analysis worker stopped (exit code ${code})` });
    });
    worker = w;
    return w;
  };

  function startNext(): void {
    if (running || closed) return;
    const next = waiting.shift();
    if (!next) {
      worker?.unref();
      return;
    }
    const timer = setTimeout(() => {
      dropWorker();
      finish({ kind: 'error', message: `the analysis took longer than ${Math.round(timeoutMs / 1000)} s and was stopped` });
    }, timeoutMs);
    running = { ...next, timer };
    try {
      const { ct, cbct, ...rest } = next.request;
      const a = volumeMessage(ct);
      const b = volumeMessage(cbct);
      const message: JobMessage = { id: next.id, cancel: next.cancel, job: { ...rest, ct: a.message, cbct: b.message } };
      const w = workerFor();
      w.ref();
      w.postMessage(message, [a.transfer, b.transfer]);
    } catch (e) {
      finish({ kind: 'error', message: `the analysis could not start: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  return {
    run(request, signal) {
      if (closed) return Promise.resolve({ kind: 'cancelled' });
      if (signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
      if (running && waiting.length >= maxWaiting) throw new AnalysisBusy(perAnalysis * (waiting.length + 1));
      return new Promise<AnalysisOutcome>((resolve) => {
        const p: Pending = { id: nextId++, request, cancel: new SharedArrayBuffer(4), resolve };
        signal?.addEventListener(
          'abort',
          () => {
            const at = waiting.indexOf(p);
            if (at >= 0) {
              waiting.splice(at, 1);
              resolve({ kind: 'cancelled' });
            } else Atomics.store(new Int32Array(p.cancel), 0, 1);
          },
          { once: true },
        );
        waiting.push(p);
        startNext();
      });
    },
    pending: () => waiting.length + (running ? 1 : 0),
    async close() {
      closed = true;
      for (const p of waiting.splice(0)) p.resolve({ kind: 'cancelled' });
      if (running) Atomics.store(new Int32Array(running.cancel), 0, 1);
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
      finish({ kind: 'cancelled' });
    },
  };
}
