// npm run import: the CLI on an embedded database — dry run, import, a second
// import that changes nothing, refused lines and usage errors, undo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { main } from '../../src/import/cli.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

describe('npm run import', () => {
  let dir: string;
  let files: string;
  let db: Database;

  beforeAll(async () => {
    dir = await freshPgliteDataDir('tournee-import-cli-');
    files = mkdtempSync(join(tmpdir(), 'tournee-import-files-'));
    db = await openDatabase({ dataDir: dir });
    await db.prisma.user.create({ data: { email: 'admin@cli.test', name: 'Admin', role: 'admin', passwordHash: await hashPassword('x') } });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, db, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('dry-runs, imports, finds nothing to change the second time, and undoes', async () => {
    const file = join(files, 'fournisseurs.csv');
    writeFileSync(file, 'Code fournisseur;Nom;Compte\nDAI;Daikin France;401DAI\nATL;Atlantic;\n');
    const dry = await cli('--kind', 'suppliers', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/dry run fournisseurs\.csv .*: 2 would be created, 0 updated, 0 unchanged, 0 refused/);
    expect(dry.err).toContain('mapping: {"Code fournisseur":"code","Nom":"name","Compte":"accountNumber"}');
    expect(await db.prisma.supplier.count()).toBe(0);

    const run = await cli('--kind', 'suppliers', file);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/2 were created/);
    expect(await db.prisma.supplier.findUnique({ where: { code: 'DAI' } })).toMatchObject({ name: 'Daikin France', accountNumber: '401DAI' });
    const again = await cli('--kind', 'suppliers', file);
    expect(again.out).toMatch(/0 were created, 0 updated, 2 unchanged, 0 refused/);

    const batch = /batch (\S+)\)/.exec(run.out)![1]!;
    const undo = await cli('--undo', batch);
    expect(undo.code).toBe(0);
    expect(await db.prisma.supplier.count()).toBe(0);
  });

  it('reports refused lines with exit code 1, and usage errors with 2', async () => {
    const file = join(files, 'articles.csv');
    writeFileSync(file, "Référence;Désignation;Prix d'achat;Prix de vente\nP-1;Filtre;12,50;19,90\nP-2;Joint;gratuit;2\n");
    const run = await cli('--kind', 'parts', file);
    expect(run.code).toBe(1);
    expect(run.out).toContain("line 3: refused — Prix d'achat: not an amount: gratuit");
    expect(await db.prisma.part.findUnique({ where: { reference: 'P-1' } })).toMatchObject({ unitCostCents: 1250, unitPriceCents: 1990 });

    expect((await cli('--kind', 'planets', file)).code).toBe(2);
    expect((await cli('--kind', 'parts')).err).toContain('give exactly one file');
    expect((await cli('--kind', 'parts', join(files, 'absent.csv'))).err).toContain('ENOENT');
    expect((await cli('--bogus')).code).toBe(2);
    const mapping = join(files, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ Référence: 'reference' }));
    const bad = await cli('--kind', 'parts', file, '--mapping', mapping);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('no column for the required field name');
  });
});
