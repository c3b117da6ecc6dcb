// SqlConnection over one node-postgres client (one server session).
import pg from 'pg';
import type { SqlConnection } from './sql-connection.ts';

export interface PgConnection extends SqlConnection {
  close(): Promise<void>;
}

export async function connectPg(connectionString: string): Promise<PgConnection> {
  const client = new pg.Client({ connectionString, application_name: 'tournee-migrate' });
  await client.connect();
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    },
    async execScript(sql: string) {
      // No parameters → simple query protocol, which accepts several statements.
      await client.query(sql);
    },
    close: () => client.end(),
  };
}
