import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/result';
import type { PlanningVolume } from '../../planning/lesions';
import { volumeFromPart10, type Part10Bytes } from './volumeFromPart10';

/**
 * Reads one single-frame CT series from files into a planning volume (HU as Int16, slices
 * ordered along their stacking direction) for the server's own planning work: the demo plans
 * and the metrics recomputed on save. The files are read here; the bytes are read by
 * {@link volumeFromPart10}, the same reader the PACS's instances go through. Only
 * little-endian uncompressed 16-bit files are read; anything else fails with a message naming
 * the file.
 */
export async function readSeriesVolume(files: readonly string[]): Promise<Result<PlanningVolume>> {
  if (files.length < 2) return err(`a volume needs at least 2 slices, got ${files.length}`);
  const instances: Part10Bytes[] = [];
  for (const file of files) {
    try {
      instances.push({ name: file, bytes: new Uint8Array(await readFile(file)) });
    } catch (e) {
      return err(`${file}: not readable as DICOM (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const read = volumeFromPart10(instances);
  return read.ok ? ok(read.value.volume) : read;
}
