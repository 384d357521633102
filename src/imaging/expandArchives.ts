import { unzipSync } from 'fflate';
import type { PickedFile } from './localStudies';

const isZip = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** What opening the archives among picked files gave: the files to read, and archives that failed. */
export interface ExpandedFiles {
  files: PickedFile[];
  failures: { file: string; reason: string }[];
}

/**
 * Replaces every ZIP archive among the picked files by its entries (named `archive.zip/path`),
 * so a zipped CD or PACS export imports like the folder it holds. An archive that cannot be
 * opened is reported by name; the other files are kept.
 */
export async function expandArchives(picked: readonly PickedFile[]): Promise<ExpandedFiles> {
  const out: ExpandedFiles = { files: [], failures: [] };
  for (const p of picked) {
    const head = new Uint8Array(await p.file.slice(0, 4).arrayBuffer());
    if (!isZip(head)) {
      out.files.push(p);
      continue;
    }
    try {
      const entries = unzipSync(new Uint8Array(await p.file.arrayBuffer()));
      for (const [name, data] of Object.entries(entries)) {
        if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
        out.files.push({ file: new File([data as Uint8Array<ArrayBuffer>], name.split('/').at(-1) ?? name), path: `${p.path}/${name}` });
      }
    } catch (e) {
      out.failures.push({ file: p.path, reason: `ZIP archive could not be opened: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return out;
}
