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
];
