import { open, readFile, rm } from 'node:fs/promises';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Lock files held by this process: a second open from the same process must fail too. */
const heldHere = new Set<string>();

/**
 * An exclusive lock on an embedded database directory, held by one process at a time: two
 * PGlite instances writing one data directory would corrupt it, and PGlite does not check.
 * The lock file holds the owner's pid; a lock left by a process that no longer runs (killed
 * with SIGKILL) is taken over.
 */
export async function lockDataDir(lockFile: string): Promise<{ release(): Promise<void> }> {
  if (heldHere.has(lockFile)) throw new Error(`The database ${lockFile.replace(/\.lock$/, '')} is already open in this process`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockFile, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      heldHere.add(lockFile);
      return {
        release: async () => {
          heldHere.delete(lockFile);
          await rm(lockFile, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The database in ${lockFile.replace(/\.lock$/, '')} is in use by process ${pid} (a running PercuPlan server?). ` +
            'Stop it first: the embedded database allows one process at a time.',
        );
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}
