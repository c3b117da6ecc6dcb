// A PostgreSQL database of a benchmark's own, next to the given admin connection's, dropped at the end.
// (The tests' server/test/support/test-database.ts does the same, but its module brings vitest along.)
import pg from 'pg';

/** Creates a database named tournee_bench_<pid>_<time>; `drop` removes it even with connections still open. */
export async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tournee_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
