/** Runs parameterised SQL ($1, $2 … placeholders) and returns the rows. */
export interface SqlExecutor {
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * The little the repository needs from a database, so that embedded PGlite and a PostgreSQL
 * server run the same SQL. `transaction` resolves only once the commit is durable.
 */
export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory or a URL without its password. */
  readonly location: string;
  /** Runs `fn` in a transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
