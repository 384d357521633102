// `npm run sample-dicom [-- --force] [--out DIR] [KEY...]`: generates the synthetic sample
// studies into sample-dicom/generated/ (or DIR); does nothing for studies already complete.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies } from './ensureSampleStudies';
import { STUDY_KEYS, type StudyKey } from './studyKeys';

const args = process.argv.slice(2);
const force = args.includes('--force');
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : DEFAULT_SAMPLE_DIR;
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
const unknown = named.filter((k) => !(STUDY_KEYS as readonly string[]).includes(k));
if (unknown.length > 0) {
  console.error(`unknown study ${unknown.join(', ')}; known: ${STUDY_KEYS.join(', ')}`);
  process.exit(2);
}
const keys = named.length > 0 ? (named as StudyKey[]) : STUDY_KEYS;

const t0 = Date.now();
await ensureSampleStudies(outDir, { force, keys });
for (const k of keys) {
  const dir = path.join(outDir, k);
  const files = readdirSync(dir);
  const bytes = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
  console.log(`${k}: ${files.length - 1} images, ${(bytes / 1e6).toFixed(1)} MB`);
}
console.log(`sample studies ready in ${outDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
