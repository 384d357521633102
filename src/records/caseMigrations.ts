import type { DocumentMigration } from './migrateDocument';

/**
 * The numbered migrations of case documents. Append one for each raise of
 * CASE_SCHEMA_VERSION; never edit a released step, since stored versions were written by it.
 */
export const CASE_MIGRATIONS: readonly DocumentMigration[] = [
  {
    from: 0,
    describe: 'unversioned case (hand-written or from before schema versions): sections it lacks take their defaults',
    // Defaults are filled by the schema on parse, so the step itself only stamps the version.
    up: (doc) => ({ ...doc }),
  },
  {
    from: 1,
    describe: 'tumour board decisions: an empty boardDecisions list',
    // A version-1 case never had board decisions; one that somehow carries the key keeps it for the schema to judge.
    up: (doc) => ({ ...doc, boardDecisions: doc.boardDecisions ?? [] }),
  },
];
