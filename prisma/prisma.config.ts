// Configuration for the official Prisma CLI (Prisma 7 reads the connection URL
// from here, no longer from schema.prisma). Tournée applies migrations itself
// (server/src/db/migrate.ts), but keeping this file lets `prisma migrate
// deploy/status --config prisma/prisma.config.ts` work wherever the CLI's
// schema engine can be downloaded. Paths are relative to this file.
//
// The schema is Prisma's multi-file schema: the folder schema/ holds one file
// per domain (organisation, workforce, installed base, contracts, work,
// planning, realtime, back office, technician app) and schema.prisma with the
// generator and the datasource; Prisma reads every .prisma file in it.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema',
  migrations: { path: 'migrations' },
  // Read lazily and optional: `prisma generate` must work without a database.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
