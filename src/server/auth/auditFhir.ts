import { AUDIT_EVENT_CODES, type DcmCode } from './auditEvents';
import type { AuditRecord } from './auditTrail';

/** The DICOM controlled terminology as FHIR names it. */
export const DCM_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';
/** FHIR's system for DICOM UIDs (values are `urn:oid:` + the UID). */
export const DICOM_UID_SYSTEM = 'urn:dicom:uid';
/** PercuPlan's identifier system for its cases (values are the case ids). */
export const CASE_SYSTEM = 'urn:percuplan:case';
/** PercuPlan's identifier system for its plans (values are the plan ids). */
export const PLAN_SYSTEM = 'urn:percuplan:plan';
/** PercuPlan's code system for its roles (attending, trainee, board, admin). */
export const ROLE_SYSTEM = 'urn:percuplan:role';
const ENTITY_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/object-role';
const SOURCE_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/security-source-type';

/** A FHIR Coding. */
export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

/** The parts of an R4 AuditEvent resource PercuPlan fills. */
export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  type: FhirCoding;
  subtype?: FhirCoding[];
  action: string;
  recorded: string;
  outcome: '0' | '4' | '8';
  agent: {
    who: { identifier?: { value: string }; display?: string };
    role?: { coding: FhirCoding[] }[];
    requestor: boolean;
    network?: { address: string; type: '2' };
  }[];
  source: { observer: { display: string }; type: FhirCoding[] };
  entity?: {
    what: { identifier: { system: string; value: string } };
    type: FhirCoding;
    role?: FhirCoding;
    detail?: { type: string; valueString: string }[];
  }[];
}

/** An R4 Bundle of AuditEvents, as a search answers it. */
export interface FhirAuditBundle {
  resourceType: 'Bundle';
  type: 'searchset';
  total: number;
  entry: { resource: FhirAuditEvent; search: { mode: 'match' } }[];
}

const coding = (c: DcmCode): FhirCoding => ({ system: DCM_SYSTEM, code: c.code, display: c.display });

/**
 * One audit row as an R4 AuditEvent (IHE BALP's shape): the DICOM event code as `type`, the
 * requesting account as the one agent, and the case, plan and studies as entities.
 */
export function toFhirAuditEvent(r: AuditRecord): FhirAuditEvent {
  const codes = AUDIT_EVENT_CODES[r.event];
  const entity: NonNullable<FhirAuditEvent['entity']> = [];
  const systemObject: FhirCoding = { system: ENTITY_TYPE_SYSTEM, code: '2', display: 'System Object' };
  if (r.caseId) {
    entity.push({ what: { identifier: { system: CASE_SYSTEM, value: r.caseId } }, type: systemObject, role: { system: OBJECT_ROLE_SYSTEM, code: '4', display: 'Domain Resource' } });
  }
  if (r.planId) {
    entity.push({
      what: { identifier: { system: PLAN_SYSTEM, value: r.planId } },
      type: systemObject,
      role: { system: OBJECT_ROLE_SYSTEM, code: '4', display: 'Domain Resource' },
      ...(r.planVersion !== null ? { detail: [{ type: 'version', valueString: String(r.planVersion) }] } : {}),
    });
  }
  for (const uid of r.studyUids) {
    entity.push({ what: { identifier: { system: DICOM_UID_SYSTEM, value: `urn:oid:${uid}` } }, type: systemObject, role: { system: OBJECT_ROLE_SYSTEM, code: '3', display: 'Report' } });
  }
  return {
    resourceType: 'AuditEvent',
    id: String(r.seq),
    type: coding(codes.type),
    ...(codes.subtype ? { subtype: [coding(codes.subtype)] } : {}),
    action: r.action,
    recorded: r.at,
    outcome: String(r.outcome) as FhirAuditEvent['outcome'],
    agent: [
      {
        who: r.account ? { identifier: { value: r.account } } : { display: 'anonymous' },
        ...(r.roles.length ? { role: r.roles.map((role) => ({ coding: [{ system: ROLE_SYSTEM, code: role }] })) } : {}),
        requestor: true,
        ...(r.address ? { network: { address: r.address, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'PercuPlan' }, type: [{ system: SOURCE_TYPE_SYSTEM, code: '4', display: 'Application Server' }] },
    ...(entity.length ? { entity } : {}),
  };
}

/** Audit rows as an R4 searchset Bundle; `total` is the number of matches of the whole search. */
export function toFhirBundle(events: readonly AuditRecord[], total = events.length): FhirAuditBundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    entry: events.map((e) => ({ resource: toFhirAuditEvent(e), search: { mode: 'match' } })),
  };
}
