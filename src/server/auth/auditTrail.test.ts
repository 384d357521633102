import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { migrateSchema } from '../records/schemaMigrations';
import { openPglite } from '../records/pgliteClient';
import { openPostgres } from '../records/postgresClient';
import type { SqlClient } from '../records/sqlClient';
import { toFhirBundle } from './auditFhir';
import { createAuditTrail, type AuditActor, type AuditLog } from './auditTrail';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

const CASE = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const PLAN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const attending: AuditActor = { username: 'dr-a', roles: ['attending'], sessionHash: 'a'.repeat(64), address: '10.1.2.3' };

/** A clock that moves one second at each call, from 2026-03-01T08:00:00Z. */
const steppingClock = (): (() => Date) => {
  let t = Date.UTC(2026, 2, 1, 8, 0, 0);
  return () => new Date((t += 1000) - 1000);
};

/** The FHIR R4 AuditEvent fields the audit routes promise, as a reader would check them. */
const codingSchema = z.object({ system: z.string().url().or(z.string().startsWith('urn:')), code: z.string().min(1), display: z.string().optional() });
const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('searchset'),
  total: z.number().int(),
  entry: z.array(
    z.object({
      search: z.object({ mode: z.literal('match') }),
      resource: z.object({
        resourceType: z.literal('AuditEvent'),
        id: z.string().regex(/^[0-9]+$/),
        type: codingSchema,
        subtype: z.array(codingSchema).optional(),
        action: z.enum(['C', 'R', 'U', 'D', 'E']),
        recorded: z.iso.datetime(),
        outcome: z.enum(['0', '4', '8']),
        agent: z
          .array(
            z.object({
              who: z.object({ identifier: z.object({ value: z.string() }).optional(), display: z.string().optional() }),
              requestor: z.boolean(),
              network: z.object({ address: z.string(), type: z.literal('2') }).optional(),
            }),
          )
          .min(1),
        source: z.object({ observer: z.object({ display: z.literal('PercuPlan') }) }),
        entity: z.array(z.object({ what: z.object({ identifier: z.object({ system: z.string(), value: z.string() }) }) })).optional(),
      }),
    }),
  ),
});

describe.each(backends)('audit trail on $name', (backend) => {
  let db: SqlClient;
  let url: string | undefined;
  let audit: AuditLog;
  beforeAll(async () => {
    if (backend.skip) return;
    const { env, dataDir } = await backend.freshEnv();
    url = env.DATABASE_URL;
    db = url ? await openPostgres(url) : await openPglite(`${dataDir}/db`);
    await migrateSchema(db);
    audit = createAuditTrail(db, steppingClock());
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Runs `sql` with the table's triggers off, as a superuser tampering behind the application would. */
  const tamper = async (sql: string): Promise<void> => {
    await db.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
    try {
      await db.query(sql);
    } finally {
      await db.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
    }
  };

  it.skipIf(!!backend.skip)('chains the first row to 64 zeros with the hash of its canonical fields, and verifies', async () => {
    await audit.record({ event: 'auth.login', actor: attending, requestId: 'req-1' });
    await audit.record({ event: 'case.read', actor: attending, caseId: CASE });
    await audit.record({ event: 'plan.approve', actor: attending, caseId: CASE, planId: PLAN, planVersion: 3, detail: { fromStatus: 'proposed', toStatus: 'approved' } });
    const { events, total } = await audit.query();
    expect(total).toBe(3);
    const first = events[2];
    expect(first).toMatchObject({ seq: 1, at: '2026-03-01T08:00:00.000Z', event: 'auth.login', dicomCode: '110114', action: 'E', outcome: 0, prevHash: '0'.repeat(64) });
    // The expected hash, written out by hand: keys sorted, nulls kept, arrays as stored.
    const canonical =
      '{"account":"dr-a","action":"E","address":"10.1.2.3","at":"2026-03-01T08:00:00.000Z","caseId":null,"detail":null,' +
      `"dicomCode":"110114","event":"auth.login","outcome":0,"planId":null,"planVersion":null,"prevHash":"${'0'.repeat(64)}",` +
      `"requestId":"req-1","roles":["attending"],"seq":1,"sessionHash":"${'a'.repeat(64)}","studyUids":[]}`;
    expect(first?.hash).toBe(createHash('sha256').update('0'.repeat(64) + canonical).digest('hex'));
    expect(events[1]?.prevHash).toBe(first?.hash);
    expect(events[0]?.prevHash).toBe(events[1]?.hash);
    expect(await audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it.skipIf(!!backend.skip)('refuses UPDATE, DELETE and TRUNCATE from the application with an error', async () => {
    await expect(db.query("UPDATE audit_events SET outcome = 8 WHERE seq = 1")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await audit.query()).total).toBe(3);
    expect(await audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it.skipIf(!!backend.skip)('finds a row changed behind its back at that row, and a row taken out at the one after it', async () => {
    const page = await audit.query({ event: 'case.read' });
    const seq = page.events[0]?.seq ?? -1;
    expect(seq).toBe(2);
    await tamper(`UPDATE audit_events SET account = 'dr-b' WHERE seq = ${seq}`);
    expect(await audit.verify()).toEqual({ ok: false, checked: 2, firstBad: 2 });
    await tamper(`UPDATE audit_events SET account = 'dr-a' WHERE seq = ${seq}`);
    expect(await audit.verify()).toEqual({ ok: true, checked: 3 });
    // Outcome too: every field is covered, not only the names.
    await tamper('UPDATE audit_events SET outcome = 4 WHERE seq = 1');
    expect(await audit.verify()).toMatchObject({ ok: false, firstBad: 1 });
    await tamper('UPDATE audit_events SET outcome = 0 WHERE seq = 1');
    // A row removed: its successor's link names a hash no longer before it.
    await tamper('DELETE FROM audit_events WHERE seq = 2');
    expect(await audit.verify()).toEqual({ ok: false, checked: 2, firstBad: 3 });
  });

  it.skipIf(!!backend.skip)('filters by account, case, event and time, newest first, paged, with the total', async () => {
    // A separate table state: start again on an empty trail.
    await tamper('DELETE FROM audit_events');
    const log = createAuditTrail(db, steppingClock());
    const other: AuditActor = { ...attending, username: 'trainee-1', roles: ['trainee'] };
    for (let i = 0; i < 5; i++) await log.record({ event: 'case.read', actor: i % 2 ? other : attending, caseId: i < 3 ? CASE : PLAN });
    await log.record({ event: 'security.forbidden', outcome: 4, actor: other, detail: { method: 'POST', path: '/api/cases', status: 403 } });
    const all = await log.query({ pageSize: 4 });
    expect(all.total).toBe(6);
    expect(all.events.map((e) => e.event)).toEqual(['security.forbidden', 'case.read', 'case.read', 'case.read']);
    expect(all.events[0]?.seq).toBeGreaterThan(all.events[1]?.seq ?? Infinity);
    expect((await log.query({ pageSize: 4, page: 2 })).events).toHaveLength(2);
    expect((await log.query({ account: 'trainee-1' })).total).toBe(3);
    expect((await log.query({ caseId: CASE })).total).toBe(3);
    expect((await log.query({ event: 'security.forbidden' })).events[0]).toMatchObject({ outcome: 4, detail: { method: 'POST', path: '/api/cases', status: 403 } });
    // Rows 2..4 are at 08:00:01..08:00:03 (one second a row from 08:00:00).
    const window = await log.query({ from: new Date('2026-03-01T08:00:01Z'), to: new Date('2026-03-01T08:00:03Z') });
    expect(window.total).toBe(3);
    expect(await log.verify()).toEqual({ ok: true, checked: 6 });
  });

  it.skipIf(!!backend.skip)('refuses free text: unknown detail keys, names in id columns; keeps no account name that is not one', async () => {
    const before = (await audit.query()).total;
    await expect(audit.record({ event: 'case.read', actor: attending, detail: { patientName: 'DOE^JOHN' } as never })).rejects.toThrow();
    await expect(audit.record({ event: 'case.read', actor: attending, detail: { code: 'John Doe' } })).rejects.toThrow();
    await expect(audit.record({ event: 'case.read', actor: attending, caseId: 'John Doe' })).rejects.toThrow(/caseId/);
    await expect(audit.record({ event: 'study.accessed', actor: attending, studyUids: ['DOE JOHN'] })).rejects.toThrow(/UID/);
    expect((await audit.query()).total).toBe(before);
    await audit.record({ event: 'auth.login-failed', outcome: 4, account: 'correct horse battery', address: '127.0.0.1', detail: { code: 'invalid-credentials' } });
    expect((await audit.query({ event: 'auth.login-failed' })).events[0]).toMatchObject({ account: null, outcome: 4, address: '127.0.0.1' });
  });

  it.skipIf(!!backend.skip)('answers a FHIR R4 searchset of AuditEvents, one checked by hand', async () => {
    await audit.record({
      event: 'study.accessed',
      actor: attending,
      caseId: CASE,
      planId: PLAN,
      planVersion: 2,
      studyUids: ['1.2.826.0.1.3680043.2.1125.1'],
    });
    const page = await audit.query({ pageSize: 3 });
    const bundle = toFhirBundle(page.events, page.total);
    expect(() => bundleSchema.parse(bundle)).not.toThrow();
    expect(bundle.total).toBe(page.total);
    const resource = bundle.entry[0]?.resource;
    expect(resource).toEqual({
      resourceType: 'AuditEvent',
      id: String(page.events[0]?.seq),
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110103', display: 'DICOM Instances Accessed' },
      action: 'R',
      recorded: page.events[0]?.at,
      outcome: '0',
      agent: [
        {
          who: { identifier: { value: 'dr-a' } },
          role: [{ coding: [{ system: 'urn:percuplan:role', code: 'attending' }] }],
          requestor: true,
          network: { address: '10.1.2.3', type: '2' },
        },
      ],
      source: {
        observer: { display: 'PercuPlan' },
        type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
      },
      entity: [
        {
          what: { identifier: { system: 'urn:percuplan:case', value: CASE } },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' },
        },
        {
          what: { identifier: { system: 'urn:percuplan:plan', value: PLAN } },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' },
          detail: [{ type: 'version', valueString: '2' }],
        },
        {
          what: { identifier: { system: 'urn:dicom:uid', value: 'urn:oid:1.2.826.0.1.3680043.2.1125.1' } },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '3', display: 'Report' },
        },
      ],
    });
    // A login carries its subtype, and an anonymous failure says so.
    const failed = bundle.entry.find((e) => e.resource.outcome === '4')?.resource;
    expect(failed).toMatchObject({ type: { code: '110114' }, subtype: [{ code: '110122', display: 'Login' }], agent: [{ who: { display: 'anonymous' }, requestor: true }] });
  });

  it.skipIf(!!backend.skip || backend.name !== 'postgres')('does not fork the chain when several processes append at once', async () => {
    // Four connection pools stand for four server processes on one database.
    const pools = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url ?? '')));
    try {
      const trails = pools.map((p) => createAuditTrail(p));
      const before = (await audit.query()).total;
      await Promise.all(Array.from({ length: 40 }, (_, i) => trails[i % 4]?.record({ event: 'case.read', actor: attending, caseId: CASE, requestId: `r-${i}` })));
      const rows = await db.query<{ prev_hash: string }>('SELECT prev_hash FROM audit_events');
      expect(rows).toHaveLength(before + 40);
      // A fork would be two rows naming the same predecessor.
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
      expect(await audit.verify()).toEqual({ ok: true, checked: before + 40 });
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});
