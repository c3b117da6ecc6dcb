// SqlConnection over an embedded PGlite instance (single session by nature).
import type { PGlite } from '@electric-sql/pglite';
import type { SqlConnection } from './sql-connection.ts';

export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    async execScript(sql: string) {
      await db.exec(sql);
    },
  };
}
