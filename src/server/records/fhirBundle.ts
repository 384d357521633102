import { createHash } from 'node:crypto';
import {
  type CaseDocument,
  type LesionScores,
  type MmeResult,
  type ScoreResult,
} from '../../records';
import { LOCAL_CONCEPTS, LOCAL_SYSTEM, LOINC, LOINC_CODES, UCUM } from './fhirCodes';

/** A FHIR resource as plain JSON. */
export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

/**
 * A UUID derived from the case and a key (name-based, like RFC 9562 version 5), so that
 * exporting the same case twice gives the same resource ids.
 */
function stableUuid(caseId: string, key: string): string {
  const h = createHash('sha1').update(`${caseId}/${key}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const local = (code: string) => ({ coding: [{ system: LOCAL_SYSTEM, code, display: LOCAL_CONCEPTS[code] ?? code }], text: LOCAL_CONCEPTS[code] ?? code });
const loinc = (c: { code: string; display: string }) => ({ coding: [{ system: LOINC, code: c.code, display: c.display }], text: c.display });
const scoreValue = (v: number) => (Number.isInteger(v) ? { valueInteger: v } : { valueQuantity: { value: v, unit: '{score}', system: UCUM, code: '{score}' } });

/**
 * The case as a FHIR R4 collection Bundle: the Patient (marked pseudonymised when it is),
 * pain scores (LOINC 72514-3, at rest and on weight bearing, at baseline and each follow-up),
 * ECOG (89247-1) and Karnofsky (89243-0), daily MME, each complete lesion score with its
 * components in the local code system, complications, and the local CodeSystem itself.
 */
export function caseBundle(doc: CaseDocument, now: string = new Date().toISOString()): FhirResource {
  const patientId = stableUuid(doc.id, 'patient');
  const subject = { reference: `urn:uuid:${patientId}` };
  const baselineDate = doc.pain.assessedOn ?? doc.decision.date ?? doc.createdAt.slice(0, 10);
  const resources: FhirResource[] = [];

  const p = doc.patient;
  resources.push({
    resourceType: 'Patient',
    id: patientId,
    ...(p.pseudonymous
      ? { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PSEUDED', display: 'pseudonymized' }] } }
      : {}),
    identifier: [
      { system: 'urn:percuplan:case', value: doc.id },
      ...(p.pseudonymous ? [] : p.identifiers.map((i) => ({ system: i.system, value: i.value }))),
    ],
    name: [{ use: p.pseudonymous ? 'anonymous' : 'official', text: p.pseudonym }],
    gender: p.sex,
    ...(p.birthYear !== null ? { birthDate: String(p.birthYear) } : {}),
  });

  const observation = (key: string, body: Record<string, unknown>): void => {
    resources.push({ resourceType: 'Observation', id: stableUuid(doc.id, key), status: 'final', subject, ...body });
  };
  const pain = (key: string, date: string, scores: { atRest: number | null; onWeightBearing: number | null }, site: string): void => {
    for (const context of ['atRest', 'onWeightBearing'] as const) {
      const v = scores[context];
      if (v === null) continue;
      observation(`${key}/pain/${context}`, {
        code: loinc(LOINC_CODES.pain),
        method: local(context === 'atRest' ? 'at-rest' : 'on-weight-bearing'),
        effectiveDateTime: date,
        ...scoreValue(v),
        ...(site ? { bodySite: { text: site } } : {}),
      });
    }
  };
  const mme = (key: string, date: string, r: MmeResult | null): void => {
    if (!r) return;
    observation(`${key}/mme`, {
      code: local('mme-per-day'),
      effectiveDateTime: date,
      valueQuantity: { value: r.totalMmePerDay, unit: 'mg/d', system: UCUM, code: 'mg/d' },
      note: [{ text: `Conversion table ${r.tableId} (${r.tableVersion}); ${r.lines.map((l) => `${l.name}: ${l.mmePerDay}`).join('; ') || 'no opioids'}` }],
    });
  };

  pain('baseline', baselineDate, doc.pain, doc.pain.maximalPainSite);
  const perf = doc.performance.assessedOn ?? baselineDate;
  if (doc.performance.ecog !== null) observation('ecog', { code: loinc(LOINC_CODES.ecog), effectiveDateTime: perf, valueInteger: doc.performance.ecog });
  if (doc.performance.karnofsky !== null) {
    observation('karnofsky', { code: loinc(LOINC_CODES.karnofsky), effectiveDateTime: perf, valueInteger: doc.performance.karnofsky });
  }
  mme('baseline', baselineDate, doc.analgesics.mme);

  doc.lesions.forEach((lesion, i) => {
    const site = [lesion.label, lesion.spinalLevel, lesion.site].filter(Boolean).join(', ');
    for (const [name, score] of Object.entries(lesion.scores) as [keyof LesionScores, { components: Record<string, unknown>; result: ScoreResult<string> | null } | null][]) {
      const r = score?.result;
      if (!score || !r || r.missing.length || r.category === null) continue;
      // Bilsky and Harrington are named grades, not numbers; the others are integers.
      const value =
        name === 'bilsky' || name === 'harrington'
          ? { valueCodeableConcept: { ...local(`${name}-${r.category}`), text: r.category } }
          : { valueInteger: r.total ?? Number(r.category) };
      observation(`lesion/${lesion.id ?? i}/${name}`, {
        code: local(name),
        effectiveDateTime: baselineDate,
        ...value,
        interpretation: [{ text: r.category }],
        ...(site ? { bodySite: { text: site } } : {}),
        component: Object.entries(score.components)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ({ code: local(`${name}-${k}`), ...(typeof v === 'number' ? { valueQuantity: { value: v } } : typeof v === 'boolean' ? { valueBoolean: v } : { valueString: String(v) }) })),
      });
    }
  });

  doc.followUps.forEach((f, i) => {
    const key = `followUp/${f.id ?? i}`;
    pain(key, f.date, f.pain, doc.pain.maximalPainSite);
    mme(key, f.date, f.analgesics.mme);
    f.complications.forEach((c, j) =>
      observation(`${key}/complication/${j}`, {
        code: local('complication'),
        effectiveDateTime: f.date,
        valueCodeableConcept: { text: c.kind },
        ...(c.description || c.severity ? { note: [{ text: [c.severity, c.description].filter(Boolean).join(': ') }] } : {}),
      }),
    );
  });

  resources.push({
    resourceType: 'CodeSystem',
    id: stableUuid('percuplan', 'codesystem'),
    url: LOCAL_SYSTEM,
    name: 'PercuPlanBoneMetastasis',
    title: 'PercuPlan bone metastasis scores and observations',
    status: 'active',
    content: 'complete',
    caseSensitive: true,
    concept: Object.entries(LOCAL_CONCEPTS).map(([code, display]) => ({ code, display })),
  });

  return {
    resourceType: 'Bundle',
    id: stableUuid(doc.id, `bundle/${doc.version}`),
    meta: { lastUpdated: doc.updatedAt },
    identifier: { system: 'urn:percuplan:case-version', value: `${doc.id}/${doc.version}` },
    type: 'collection',
    timestamp: now,
    entry: resources.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r })),
  };
}
