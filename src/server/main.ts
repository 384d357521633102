import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExposure, readConfig } from './config';
import { indexFolder } from './embeddedSource';
import { createCatalogue } from './catalogue';
import { buildApp, type AppParts } from './app';
import { studyListings as listStudies } from '../dicom/studyListingFromGroups';
import { openRecordStore } from './records/openRecordStore';
import { createRecordsHandler } from './records/recordsRoutes';
import { localUser } from './records/requestActor';
import { securityParts } from './securityParts';
import { createPacs } from './dicomweb/pacs';
import { defaultCatalogue } from '../planning/devices/defaultCatalogue';
import { createSeriesVolumes } from './planning/seriesVolumes';
import { pacsSeriesVolume } from './planning/pacsSeriesVolume';
import { planDicomFor } from './interop/planDicomFor';
import { boardsRoutes } from './boards/boardsRoutes';
import { createBoardsRepository } from './boards/boardsRepository';
import { keyImagesFor } from './keyImages/keyImagesFor';
import { teachingFor } from './teaching/teachingFor';
import { teachingPacsFrom } from './teaching/transfer/teachingPacs';
import { exercisesFor } from './exercises/exercisesFor';
import { exerciseCountOf } from './exercises/exerciseCount';
import { studyGuardFor } from './exercises/studyGuard';
import { hiddenByOpenUnknownExercise } from './exercises/hiddenTeachingCase';
import { postProcedureFor } from './postprocedure/postProcedureFor';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts the PercuPlan server; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; close: () => Promise<void> }> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const config = readConfig(env, repoRoot, pkg.version);
  await mkdir(config.dataDir, { recursive: true });
  const t0 = performance.now();
  const index = await indexFolder(config.sampleDir);
  for (const f of index.failures) console.warn(`[embedded] skipped ${f.file}: ${f.reason}`);
  if (index.problem) console.error(`[embedded] ${index.problem}`);
  const catalogue = createCatalogue(index.instances, listStudies, index.problem);
  console.log(
    `[embedded] indexed ${index.instances.length} instances in ${catalogue.studies().length} studies ` +
      `from ${config.sampleDir} in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const pacs = config.dicomweb ? createPacs(config.dicomweb) : undefined;
  if (pacs) console.log(`[dicomweb] PACS at ${pacs.client.name}, proxied under /dicomweb`);
  // Saved plans are recomputed on the CT of their series: from the embedded source, else fetched from the PACS.
  // Room for 3 volumes: a post-procedure analysis holds a CT and a cone-beam CT while a plan save needs another CT.
  const planContext = { catalogue: defaultCatalogue(), volumeFor: createSeriesVolumes(catalogue, { capacity: 3, ...(pacs ? { remote: pacsSeriesVolume(pacs.client) } : {}) }) };
  const records = await openRecordStore(env, config.dataDir, config.sampleDir, planContext);
  let security;
  try {
    security = await securityParts(env, records.db);
    // Accounts live in the database: only now can a non-loopback HOST be judged.
    checkExposure(config.host, security.loginApplies);
  } catch (e) {
    await records.close();
    throw e;
  }
  const handle = createRecordsHandler(records.repository, { defaultActor: localUser(env), planContext, audit: security.audit });
  const planDicom = planDicomFor({ plans: records.repository, catalogue, pacs, audit: security.audit, devices: planContext.catalogue, softwareVersion: config.version, volumeFor: planContext.volumeFor });
  const parts: AppParts = { catalogue, pacs, records: handle, plugins: security.plugins, audit: security.audit, oidc: security.oidc, planDicom };
  parts.boards = boardsRoutes(createBoardsRepository(records.db), { audit: security.audit, cases: records.repository });
  parts.keyImages = keyImagesFor({ db: records.db, catalogue, pacs, audit: security.audit, softwareVersion: config.version });
  const teaching = await teachingFor({ db: records.db, dataDir: config.dataDir, catalogue, cases: records.repository, pacs, teachingPacs: teachingPacsFrom(env), audit: security.audit, softwareVersion: config.version, exerciseCount: exerciseCountOf(records.db), hidden: hiddenByOpenUnknownExercise(records.db) });
  parts.teaching = teaching.routes;
  parts.studyGuard = studyGuardFor(records.db, teaching.repo, teaching.files);
  parts.postProcedure = postProcedureFor({ db: records.db, records: records.repository, volumeFor: planContext.volumeFor, catalogue, studyGuard: parts.studyGuard, audit: security.audit });
  parts.exercises = exercisesFor({ db: records.db, planContext, audit: security.audit, makeTeachingCase: teaching.maker.make, env });
  const app = await buildApp(config, parts);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await records.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  console.log(`PercuPlan ${config.version} is running at ${url}`);
  return {
    url,
    close: () => app.close().then(() => records.close()),
  };
}
