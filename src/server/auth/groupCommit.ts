/**
 * Group commit: items submitted while a batch is being written wait in a queue, and one writer
 * drains it, up to `maxBatch` items per write, in submission order. Each submission's promise
 * settles when the write that carried it has settled: it resolves once that write is durable,
 * and rejects with that write's error (every item of a failed batch shares its fate, as they
 * shared one transaction).
 *
 * An item submitted while the writer is idle is written at once, alone: there is no waiting for
 * company, so an unloaded server answers as fast as before; under load the items that arrived
 * during one write go together in the next.
 */
export interface GroupCommit<T> {
  submit(item: T): Promise<void>;
}

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * A group-commit queue over `write`, which must write all the items it is given in one durable
 * step, in the order given. `maxBatch` bounds one write (at least 1).
 */
export function createGroupCommit<T>(write: (items: readonly T[]) => Promise<void>, maxBatch: number): GroupCommit<T> {
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new RangeError('groupCommit: maxBatch must be a positive integer');
  const queue: Pending<T>[] = [];
  let writing = false;

  const drain = async (): Promise<void> => {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          await write(batch.map((p) => p.item));
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      writing = false;
    }
  };

  return {
    submit(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // `drain` never rejects (each batch's error goes to its own submitters).
        if (!writing) void drain();
      });
    },
  };
}
