import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Every regular file below `root` (or `root` itself when it is a file), sorted by path. */
export async function walkFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (p: string): Promise<void> => {
    const entries = await readdir(p, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOTDIR') return null;
      throw e;
    });
    if (entries === null) {
      out.push(p);
      return;
    }
    for (const e of entries) {
      // Dot entries are hidden or half-written (the generator's .tmp-* folders, .DS_Store).
      if (e.name.startsWith('.')) continue;
      const child = path.join(p, e.name);
      // Follow links: a study folder is often a link to a CD or an export elsewhere.
      const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(child).catch(() => undefined))?.isDirectory());
      if (isDir) await visit(child);
      else if (e.isFile() || e.isSymbolicLink()) out.push(child);
    }
  };
  await visit(root);
  return out.sort();
}
