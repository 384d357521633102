import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { deidentifyPackage } from '../../interop/deidentify/deidentifyPackage';
import type { DeidentifyChange } from '../../interop/deidentify/deidentify';
import { methodCodes } from '../../interop/deidentify/markers';
import { uidMapperFor } from '../../interop/deidentify/uidMap';
import { planDicomUids } from '../../interop/planUids';
import { pseudonymousCase } from '../../records/pseudonymousCase';
import { CASE_SECTIONS, teachingCreateSchema, type CaseContent, type PlanDocument, type TeachingCase, type TeachingFileChanges, type TeachingPreview, type TeachingStudy } from '../../records';
import type { Actor } from '../auth/actor';
import type { Catalogue } from '../catalogue';
import type { RecordsRepository } from '../records/recordsRepository';
import { movePlan } from './teachingPlans';
import { seriesChunks, seriesOfStudy, type SeriesToCopy, type TeachingSources } from './teachingSources';
import type { MakeTeachingCase, TeachingFileStore, TeachingProblem, TeachingRepository, TeachingSecret } from './teachingParts';

/** What making a teaching case needs from the server. */
export interface TeachingMakerDeps extends TeachingSources {
  readonly catalogue: Pick<Catalogue, 'study' | 'seriesFiles'>;
  readonly cases: Pick<RecordsRepository, 'getCase' | 'listPlans'>;
  readonly repo: TeachingRepository;
  /** With `discard`, the files of a teaching case whose making failed half-way are removed. */
  readonly files: TeachingFileStore & { discard?(teachingCaseId: string): Promise<void> };
  /** One salt, one date shift (−365…−30 days) and one pseudonym per teaching case; tests fix them. */
  readonly draw?: () => TeachingSecret & { readonly pseudonym: string };
  readonly newId?: () => string;
  readonly log?: (message: string) => void;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: TeachingProblem };

/** Makes teaching cases and previews them (nothing written), with one pass over the source files each. */
export interface TeachingMaker {
  readonly make: MakeTeachingCase;
  preview(caseId: string, input: unknown, actor: Actor): Promise<Outcome<TeachingPreview>>;
}

type Secret = TeachingSecret & { readonly pseudonym: string };

/** How long a preview's shift and pseudonym wait for the teaching case that follows it. */
const PREVIEW_KEPT_MS = 60 * 60 * 1000;

const drawSecret = (): TeachingSecret & { pseudonym: string } => ({
  salt: randomBytes(16).toString('hex'),
  dateShiftDays: -randomInt(30, 366),
  pseudonym: `TEACH-${randomBytes(2).toString('hex')}`,
});

/** The CID 7050 codes the teaching cases claim (every option but Clean Pixel Data). */
export const TEACHING_METHODS = methodCodes({ modifiedDates: true, retainPatientCharacteristics: true, cleanDescriptors: true, cleanStructuredContent: true, pixelsCleaned: false }).map((c) => ({
  code: c.value,
  meaning: c.meaning,
}));

function counts(changes: readonly DeidentifyChange[]): TeachingFileChanges['counts'] {
  const c = { X: 0, Z: 0, D: 0, U: 0, C: 0, add: 0 };
  for (const ch of changes) c[ch.action]++;
  return c;
}

interface Pass {
  readonly files: TeachingFileChanges[];
  readonly refused: { name: string; reason: string }[];
  readonly unresolved: string[];
  /** Source UIDs the package replaced (every U change's value before). */
  readonly sourceUids: Set<string>;
  readonly studies: Map<string, { files: number; series: Set<string> }>;
  written: number;
}

/**
 * The studies and series to copy: those asked for (default: the case's linked studies and the
 * studies its plans are drawn on), plus each plan's own SEG and SR series where the embedded
 * source holds them. A study neither source holds is a refusal, named.
 */
async function seriesToCopy(studyUids: readonly string[], plans: readonly PlanDocument[], deps: TeachingMakerDeps, refused: Pass['refused']): Promise<SeriesToCopy[]> {
  const all: SeriesToCopy[] = [];
  const seen = new Set<string>();
  const push = (s: SeriesToCopy): void => {
    if (seen.has(s.seriesInstanceUID)) return;
    seen.add(s.seriesInstanceUID);
    all.push(s);
  };
  for (const study of studyUids) {
    const series = await seriesOfStudy(study, deps);
    if (typeof series === 'string') refused.push({ name: `study ${study}`, reason: series });
    else series.forEach(push);
  }
  for (const p of plans) {
    const uids = await planDicomUids(p.id, p.version, []);
    for (const s of [uids.segSeries, uids.srSeries]) {
      const held = deps.catalogue.seriesFiles(s)?.[0];
      if (held) push({ studyInstanceUID: held.header.studyInstanceUID, seriesInstanceUID: s, source: 'embedded' });
    }
  }
  return all;
}

/**
 * "Make teaching case" (issue 15): the chosen studies of a case, from the embedded source or the
 * PACS, de-identified file by file in chunks (PS3.15 E.1-1 with the retained-dates, patient
 * characteristics, clean descriptors and clean structured content options, one salt, one date
 * shift and one pseudonym per teaching case), stored under DATA_DIR and served at once; the case
 * record made pseudonymous with the same shift; the plans copied with new ids onto the new UIDs.
 * Refused files (burned-in text, unreadable) are named in the document and the preview, never
 * dropped silently. `preview` makes the same pass without writing anything.
 */
export function createTeachingMaker(deps: TeachingMakerDeps): TeachingMaker {
  const log = deps.log ?? ((m: string) => console.log(m));

  async function run(caseId: string, rawInput: unknown, actor: Actor, write: boolean, started: string[] = [], drawn?: Secret): Promise<Outcome<{ doc?: TeachingCase; preview: TeachingPreview }>> {
    const t0 = performance.now();
    const parsed = teachingCreateSchema.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, problem: { status: 400, code: 'invalid-fields', error: 'Invalid teaching case request', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
    }
    const input = parsed.data;
    const source = await deps.cases.getCase(caseId);
    if (!source) return { ok: false, problem: { status: 404, code: 'not-found', error: `No case ${caseId}` } };
    const kase = source.document;
    const listed = (await deps.cases.listPlans(caseId, true))?.plans ?? [];
    const allPlans = listed.filter((p): p is PlanDocument => 'content' in p && 'seriesInstanceUID' in p);
    const plans = input.planIds ? allPlans.filter((p) => input.planIds!.includes(p.id)) : allPlans.filter((p) => p.archivedAt === null);
    const planStudy = (p: PlanDocument): string | undefined => p.studyInstanceUID ?? deps.catalogue.seriesFiles(p.seriesInstanceUID)?.[0]?.header.studyInstanceUID;
    const studyUids = input.studyInstanceUIDs ?? [...new Set([...kase.linkedStudies.map((s) => s.studyInstanceUID), ...plans.map(planStudy).filter((u): u is string => u !== undefined)])];

    const secret = drawn ?? (deps.draw ?? drawSecret)();
    const id = (deps.newId ?? randomUUID)();
    started.push(id);
    const pass: Pass = { files: [], refused: [], unresolved: [], sourceUids: new Set(), studies: new Map(), written: 0 };
    const series = await seriesToCopy(studyUids, plans, deps, pass.refused);
    const written = new Set<string>();
    for (const s of series) {
      for await (const chunk of seriesChunks(s, deps)) {
        const r = deidentifyPackage(chunk, { salt: secret.salt, dateShiftDays: secret.dateShiftDays, pseudonym: { name: secret.pseudonym, id: secret.pseudonym } });
        pass.refused.push(...r.refused);
        pass.unresolved.push(...r.unresolvedReferences);
        for (const f of r.files) {
          for (const c of f.changes) if (c.action === 'U') for (const u of c.before.split('\\')) if (u) pass.sourceUids.add(u);
          written.add(f.sopInstanceUID);
          if (!write) {
            pass.files.push({ name: f.name, modality: s.source === 'embedded' ? (deps.catalogue.seriesFiles(s.seriesInstanceUID)?.[0]?.header.modality ?? '') : f.name.split(' ')[0] ?? '', seriesInstanceUID: s.seriesInstanceUID, counts: counts(f.changes), changes: [...f.changes] });
          }
        }
        if (write && r.files.length) await deps.files.write(id, r.files.map((f) => ({ sopInstanceUID: f.sopInstanceUID, bytes: f.bytes })));
        const st = pass.studies.get(s.studyInstanceUID) ?? { files: 0, series: new Set<string>() };
        st.files += r.files.length;
        if (r.files.length) st.series.add(s.seriesInstanceUID);
        pass.studies.set(s.studyInstanceUID, st);
        pass.written += r.files.length;
      }
    }
    if (pass.written === 0) {
      const why = pass.refused.length ? pass.refused.map((x) => `${x.name}: ${x.reason}`) : ['The case has no linked study and no plan on a study the server can reach'];
      return { ok: false, problem: { status: 422, code: 'nothing-to-copy', error: `Nothing of case ${caseId} can be copied into a teaching case`, issues: why } };
    }
    const uidMap = uidMapperFor(secret.salt);
    // References between files of different chunks or series resolve once every file is known.
    const unresolvedReferences = pass.unresolved.filter((u) => !written.has(u.slice(u.lastIndexOf(' = ') + 3)));
    const copiedStudies = new Map([...pass.studies].filter(([, v]) => v.files > 0).map(([k]) => [k, uidMap(k)]));
    // The content only: the source's id, versions and authors stay with the source.
    const content = Object.fromEntries(CASE_SECTIONS.map((k) => [k, kase[k]])) as CaseContent;
    const { case: teachingRecord, changes: caseChanges } = pseudonymousCase(content, { dateShiftDays: secret.dateShiftDays, pseudonym: secret.pseudonym, studyUid: (u) => copiedStudies.get(u) });
    const moved = plans.map((p) => {
      const { title, studyInstanceUID, seriesInstanceUID, frameOfReferenceUID, status, approvedBy, approvedAt, content } = p;
      return { source: p, ...movePlan({ title, studyInstanceUID, seriesInstanceUID, frameOfReferenceUID, status, approvedBy, approvedAt, content }, pass.sourceUids, uidMap, secret.dateShiftDays) };
    });
    for (const m of moved) unresolvedReferences.push(...m.unmapped.map((u) => `plan "${m.source.title || m.source.id}": ${u}`));

    const listing = [...copiedStudies].map(([src, uid]) => ({ src, uid, listing: deps.catalogue.study(uid) }));
    const preview: TeachingPreview = {
      caseId,
      files: pass.files,
      refused: pass.refused,
      unresolvedReferences,
      caseChanges,
      plans: plans.map((p) => ({ id: p.id, title: p.title })),
      studies: [...pass.studies].map(([uid, v]) => ({ studyInstanceUID: uid, description: deps.catalogue.study(uid)?.studyDescription ?? kase.linkedStudies.find((s) => s.studyInstanceUID === uid)?.description ?? '', files: v.files })),
      dateShiftDays: secret.dateShiftDays,
    };
    const ms = Math.round(performance.now() - t0);
    if (!write) {
      log(`[teaching] preview of case ${caseId}: ${pass.written} files, ${pass.refused.length} refused, in ${ms} ms`);
      return { ok: true, value: { preview } };
    }
    const studies: TeachingStudy[] = listing.map(({ src, uid, listing: l }) => ({
      studyInstanceUID: uid,
      description: l?.studyDescription ?? '',
      series: (l?.series ?? [])
        .filter((x) => [...(pass.studies.get(src)?.series ?? [])].some((srcSeries) => uidMap(srcSeries) === x.seriesInstanceUID))
        .map((x) => ({ seriesInstanceUID: x.seriesInstanceUID, modality: x.modality ?? '', description: x.seriesDescription ?? '', frameOfReferenceUID: x.frameOfReferenceUID ?? null, instances: x.instanceCount })),
    }));
    const doc = await deps.repo.create(
      {
        status: 'draft',
        fields: input.fields,
        case: teachingRecord,
        plans: moved.map((m) => ({ id: randomUUID(), plan: m.plan })),
        studies,
        deidentification: { methods: TEACHING_METHODS, files: pass.written, refused: pass.refused },
        source: { caseId, caseVersion: kase.version },
        teachingPacs: null,
      },
      { salt: secret.salt, dateShiftDays: secret.dateShiftDays },
      actor,
      id,
    );
    log(`[teaching] teaching case ${doc.id} made from case ${caseId}: ${pass.written} files, ${pass.refused.length} refused, ${plans.length} plans, in ${ms} ms`);
    return { ok: true, value: { doc, preview } };
  }

  // The shift a preview showed is the one the teaching case then gets: the preview's secret is
  // kept (in this process, per case and account, for an hour) and used by the next make.
  const previewed = new Map<string, { secret: Secret; at: number }>();
  const keyOf = (caseId: string, actor: Actor) => `${caseId}|${actor.username}`;
  const takePreviewed = (key: string): Secret | undefined => {
    const kept = previewed.get(key);
    previewed.delete(key);
    return kept && Date.now() - kept.at < PREVIEW_KEPT_MS ? kept.secret : undefined;
  };

  return {
    async make(caseId, input, actor) {
      let r: Awaited<ReturnType<typeof run>>;
      const discarded: string[] = [];
      try {
        r = await run(caseId, input, actor, true, discarded, takePreviewed(keyOf(caseId, actor)));
      } catch (e) {
        for (const id of discarded) await deps.files.discard?.(id);
        log(`[teaching] making a teaching case of case ${caseId} failed; its files were removed`);
        throw e;
      }
      if (!r.ok) return r;
      if (!r.value.doc) throw new Error('teaching case not made');
      return { ok: true, value: r.value.doc };
    },
    async preview(caseId, input, actor) {
      const secret = (deps.draw ?? drawSecret)();
      const r = await run(caseId, input, actor, false, [], secret);
      if (r.ok) previewed.set(keyOf(caseId, actor), { secret, at: Date.now() });
      return r.ok ? { ok: true, value: r.value.preview } : r;
    },
  };
}
