import type { DocumentMigration } from './migrateDocument';

/**
 * The numbered migrations of plan documents. Append one for each raise of
 * PLAN_SCHEMA_VERSION; never edit a released step.
 */
export const PLAN_MIGRATIONS: readonly DocumentMigration[] = [
  {
    from: 0,
    describe: 'unversioned plan: fields it lacks take their defaults',
    up: (doc) => ({ ...doc }),
  },
];
