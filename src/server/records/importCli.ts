// `npm run import -- FILE.json`: adds the cases and plans of an export, all or nothing.
import { readFile } from 'node:fs/promises';
import { issuesOf } from '../../records';
import { cliLog, openCliRepository, runCli } from './cliSupport';
import { recordsExportSchema } from './recordsExport';

runCli(async () => {
  const source = process.argv[2];
  if (!source) {
    cliLog('usage: npm run import -- FILE.json   (a file written by npm run export)');
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(source, 'utf8'));
  } catch (e) {
    cliLog(`error: ${source} is not a readable JSON file: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const parsed = recordsExportSchema.safeParse(raw);
  if (!parsed.success) {
    cliLog(`error: ${source} is not a PercuPlan records export:`);
    for (const i of issuesOf(parsed.error).slice(0, 50)) cliLog(`  ${i.path || '(file)'}: ${i.message}`);
    return 1;
  }
  const repo = await openCliRepository();
  try {
    const outcome = await repo.importAll(parsed.data);
    if (outcome.kind === 'refused') {
      cliLog(`error: nothing was imported from ${source}:`);
      for (const p of outcome.problems.slice(0, 50)) cliLog(`  ${p}`);
      return 1;
    }
    cliLog(
      `imported ${outcome.cases} cases and ${outcome.plans} plans (${outcome.versions} versions) from ${source}` +
        (outcome.skipped ? `; ${outcome.skipped} already here with the same history were skipped` : ''),
    );
    return 0;
  } finally {
    await repo.close();
  }
});
