// `npm start`: build the app if it is missing or older than its sources, generate the sample
// studies if they are missing, then run the server in this one Node process.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

const built = path.join(root, 'dist', 'index.html');
const sources = Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'index.html')).mtimeMs);
if (process.env.SKIP_BUILD !== '1' && (!existsSync(built) || statSync(built).mtimeMs < sources)) {
  console.log('[start] building the app (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

register();
if (!process.env.SAMPLE_DIR) {
  const { ensureSampleStudies } = await import('../sample-dicom/ensureSampleStudies.ts');
  await ensureSampleStudies();
}
const { startServer } = await import('../src/server/main.ts');
try {
  await startServer();
} catch (e) {
  console.error(`PercuPlan could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
