// The little the migration runner needs from a database session. Both
// implementations hold ONE session, so BEGIN/COMMIT and session-level advisory
// locks issued through `query` apply to the statements that follow.
export interface SqlConnection {
  /** One statement, with $1-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements, sent as one simple-protocol query (as Prisma does). */
  execScript(sql: string): Promise<void>;
}
