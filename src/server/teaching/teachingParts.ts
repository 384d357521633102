import type { TeachingCase, TeachingCreateInput, TeachingFields, TeachingStatus } from '../../records';
import type { Actor } from '../auth/actor';

/**
 * The seams between the teaching pieces of the server (issue 15): the repository of teaching
 * cases, the store of their de-identified files (kept under DATA_DIR and served like the embedded
 * source), and making a teaching case from a case. Implemented in server/teaching/; used by the
 * export/import/teaching-PACS routes and by the exercises (server/exercises/).
 */

/** One de-identified DICOM file kept for a teaching case. */
export interface TeachingFile {
  /** Absolute path on disk. */
  readonly path: string;
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
}

/** What only the server keeps of a teaching case: never answered to any client. */
export interface TeachingSecret {
  /** Keys the UID mapping (interop/deidentify deidentifiedUid). */
  readonly salt: string;
  /** Days every date moved by (images and record alike). */
  readonly dateShiftDays: number;
}

/** A new teaching case as stored (the repository assigns id, version and times). */
export type NewTeachingCase = Omit<TeachingCase, 'id' | 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>;

/** Why a change was refused. */
export type TeachingWriteOutcome =
  | { readonly ok: true; readonly value: TeachingCase }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'conflict'; readonly current: TeachingCase };

/** Teaching cases in the records database (table teaching_cases). */
export interface TeachingRepository {
  /** The whole stored case (source included: redact before answering an account without `teaching.manage`). */
  get(id: string): Promise<TeachingCase | undefined>;
  /** Every teaching case, newest first. */
  list(): Promise<TeachingCase[]>;
  /** `id`: the one the teaching case's files were already written under (default: a new one). */
  create(doc: NewTeachingCase, secret: TeachingSecret, actor: Actor, id?: string): Promise<TeachingCase>;
  /** Fields and/or status against the version read. */
  patch(id: string, version: number, change: { fields?: Partial<TeachingFields>; status?: TeachingStatus }, actor: Actor): Promise<TeachingWriteOutcome>;
  /** Records the last sending to the teaching PACS (does not raise the version: no content changed). */
  setTeachingPacs(id: string, sent: NonNullable<TeachingCase['teachingPacs']>): Promise<void>;
  secret(id: string): Promise<TeachingSecret | undefined>;
}

/** The de-identified files, on disk under DATA_DIR/teaching/<id>/, indexed into the server's catalogue. */
export interface TeachingFileStore {
  /** A teaching case's files in study, series and instance order (empty when none). */
  files(teachingCaseId: string): Promise<readonly TeachingFile[]>;
  /** Writes de-identified Part 10 files for a teaching case and makes them servable at once (/api/studies, /api/files). */
  write(teachingCaseId: string, files: readonly { readonly sopInstanceUID: string; readonly bytes: Uint8Array }[]): Promise<readonly TeachingFile[]>;
}

/** A refusal to make a teaching case, as the route answers it. */
export interface TeachingProblem {
  readonly status: 400 | 403 | 404 | 409 | 422 | 502;
  readonly code: string;
  readonly error: string;
  readonly issues?: readonly string[];
}

/** Makes a teaching case of a case (`POST /api/cases/:id/teaching`); also what seeds the reference exercises. */
export type MakeTeachingCase = (
  caseId: string,
  input: TeachingCreateInput,
  actor: Actor,
) => Promise<{ readonly ok: true; readonly value: TeachingCase } | { readonly ok: false; readonly problem: TeachingProblem }>;
