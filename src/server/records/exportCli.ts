// `npm run export -- FILE.json` (or `-` for stdout): every case and plan with its whole history.
import { rename, writeFile } from 'node:fs/promises';
import { cliLog, openCliRepository, runCli } from './cliSupport';

runCli(async () => {
  const target = process.argv[2];
  if (!target) {
    cliLog('usage: npm run export -- FILE.json   (FILE "-" writes to standard output)');
    return 2;
  }
  const repo = await openCliRepository();
  try {
    const data = await repo.exportAll();
    const text = `${JSON.stringify(data, null, 1)}\n`;
    if (target === '-') process.stdout.write(text);
    else {
      // Write beside the target and rename, so an interrupted export never leaves half a file.
      const partial = `${target}.partial-${process.pid}`;
      await writeFile(partial, text);
      await rename(partial, target);
    }
    const plans = data.cases.reduce((n, c) => n + c.plans.length, 0);
    const versions = data.cases.reduce((n, c) => n + c.versions.length + c.plans.reduce((m, p) => m + p.versions.length, 0), 0);
    cliLog(`exported ${data.cases.length} cases and ${plans} plans (${versions} versions) to ${target === '-' ? 'standard output' : target}`);
    return 0;
  } finally {
    await repo.close();
  }
});
