// Spreadsheet import of stock levels, technicians, contracts, service plans and
// open interventions (issue 13), on PGlite and PostgreSQL: per kind a dry run
// that writes nothing, the import, a second import that changes nothing, undo,
// refused lines naming the field and the reason, the caller's agencies, and the
// export read back unchanged.
import { expect, it } from 'vitest';
import { adjustStock } from '../../src/back-office/stock/operations.ts';
import { stockDrift } from '../../src/back-office/stock/levels.ts';
import { describeOnEachDatabase, type Harness } from '../http/harness.ts';
import { download, report, runMode, upload, uploadAndRun, XLSX_TYPE } from './support.ts';

const refusals = async (h: Harness, token: string, id: string) =>
  (await report(h, token, id, 'refuse')).map((l) => [l.line, l.errors!.map((e) => [e.field, e.code])]);

async function dryThenImport(h: Harness, token: string, kind: string, csv: string) {
  const up = await upload(h, token, kind, `${kind}.csv`, csv);
  expect(up.status).toBe(201);
  const dry = await runMode(h, token, up.body.batch.id, 'dry-run', up.body.proposedMapping);
  expect(dry.status).toBe(200);
  return { up, dry: dry.body, id: up.body.batch.id as string, mapping: up.body.proposedMapping as Record<string, string | null> };
}

/** Two sectors (north of Aix, Marseille centre), a second skill and references on the fixture sites and equipment (the tests share one database). */
async function sectorsAndReferences(h: Harness) {
  const p = h.db.prisma;
  const sector = async (agencyId: string, code: string, name: string) =>
    (await p.sector.findFirst({ where: { agencyId, code } })) ?? (await p.sector.create({ data: { agencyId, code, name, polygon: {} } }));
  const north = await sector(h.fixtures.agencyA.id, 'AIX-N', 'Aix nord');
  const centre = await sector(h.fixtures.agencyB.id, 'MRS-C', 'Marseille centre');
  await p.site.update({ where: { id: h.fixtures.siteA.id }, data: { reference: 'S-A', sectorId: north.id } });
  await p.site.update({ where: { id: h.fixtures.siteB.id }, data: { reference: 'S-B', sectorId: centre.id } });
  await p.equipment.update({ where: { id: h.fixtures.equipment.id }, data: { reference: 'E-1' } });
  await p.skill.upsert({ where: { code: 'gas' }, create: { code: 'gas', name: 'Gaz' }, update: {} });
}

describeOnEachDatabase('spreadsheet import: stock levels, technicians, contracts, service plans, open interventions', (harness) => {
  it('technicians with skills, levels and sectors: dry run, import, no change the second time, undo; agencies checked', async () => {
    const h = harness();
    await sectorsAndReferences(h);
    const p = h.db.prisma;
    const csv = [
      'Matricule;Prénom;Nom;Agence;Compétences;Secteurs;Adresse domicile;Latitude;Longitude',
      'T-100;Lucie;Martin;AIX;heat_pump:4, gas;AIX-N;3 rue des Lices, Aix;43,52;5,44',
      'T-101;Karim;Benali;MRS;gas:2;;;;',
      'T-102;Paul;Roux;LYO;;;;;',
      'T-103;Anne;Petit;AIX;soudure:2;;;;',
      'T-104;Marc;Blanc;AIX;gas:7;;;;',
      'T-105;Léa;Noir;AIX;;MRS-C;;;',
    ].join('\n');
    const before = await p.technician.count();
    const { up, dry, id, mapping } = await dryThenImport(h, h.tokens.dispatcherA, 'technicians', csv);
    expect(up.body.proposedMapping).toMatchObject({
      Matricule: 'reference',
      Prénom: 'firstName',
      Nom: 'lastName',
      Agence: 'agencyCode',
      Compétences: 'skills',
    });
    expect(dry).toMatchObject({ status: 'checked', created: 1, refused: 5 });
    expect(await p.technician.count()).toBe(before);
    expect(await refusals(h, h.tokens.dispatcherA, id)).toEqual([
      [3, [['agencyCode', 'not_your_agency']]],
      [4, [['agencyCode', 'unknown_reference']]],
      [5, [['skills', 'unknown_reference']]],
      [6, [['skills', 'out_of_range']]],
      [7, [['sectors', 'unknown_reference']]],
    ]);
    expect((await runMode(h, h.tokens.dispatcherA, id, 'import', mapping)).body).toMatchObject({ status: 'imported', created: 1, refused: 5 });
    const lucie = await p.technician.findUniqueOrThrow({
      where: { reference: 'T-100' },
      include: { skills: { include: { skill: true } }, sectors: { include: { sector: true } }, user: true },
    });
    expect(lucie).toMatchObject({
      firstName: 'Lucie',
      agencyId: h.fixtures.agencyA.id,
      homeAddress: '3 rue des Lices, Aix',
      homeLat: 43.52,
      homeLon: 5.44,
      user: null,
    });
    expect(lucie.skills.map((s) => [s.skill.code, s.level]).sort()).toEqual([
      ['gas', 1],
      ['heat_pump', 4],
    ]);
    expect(lucie.sectors.map((s) => s.sector.code)).toEqual(['AIX-N']);

    // An admin imports Marseille's technician; the same file again changes nothing.
    expect(await uploadAndRun(h, h.tokens.admin, 'technicians', 't.csv', csv, 'import')).toMatchObject({ created: 1, unchanged: 1, refused: 4 });
    expect(await uploadAndRun(h, h.tokens.admin, 'technicians', 't.csv', csv, 'import')).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    // A new level is an update of the skills only, undone with the batch.
    const raise = 'Matricule;Prénom;Nom;Agence;Compétences\nT-100;Lucie;Martin;AIX;heat_pump:5, gas\n';
    const raised = await uploadAndRun(h, h.tokens.dispatcherA, 'technicians', 'r.csv', raise, 'import');
    expect(raised).toMatchObject({ updated: 1 });
    expect((await report(h, h.tokens.dispatcherA, raised.id, 'update'))[0]!.changed).toEqual(['skills']);
    // Marseille's technician is not dispatcher A's to change.
    const theirs = await uploadAndRun(h, h.tokens.dispatcherA, 'technicians', 'm.csv', 'Matricule;Prénom;Nom;Agence\nT-101;Karim;B;AIX\n', 'dry-run');
    expect(await refusals(h, h.tokens.dispatcherA, theirs.id)).toEqual([[2, [['reference', 'not_your_agency']]]]);

    expect((await h.call('POST', `/api/imports/${raised.id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(200);
    const level = await p.technicianSkill.findFirstOrThrow({ where: { technician: { reference: 'T-100' }, skill: { code: 'heat_pump' } } });
    expect(level.level).toBe(4);

    // Round trip: the export imports back unchanged.
    for (const [t, ref] of [
      [h.fixtures.t1, 'T-1'],
      [h.fixtures.t2, 'T-2'],
      [h.fixtures.t3, 'T-3'],
    ] as const)
      await p.technician.update({ where: { id: t.id }, data: { reference: ref } });
    const exported = await download(h, h.tokens.admin, '/api/exports/technicians?format=xlsx');
    expect(exported.status).toBe(200);
    const back = await uploadAndRun(h, h.tokens.admin, 'technicians', 'techniciens.xlsx', exported.bytes, 'import', XLSX_TYPE);
    expect(back).toMatchObject({ created: 0, updated: 0, unchanged: 5, refused: 0 });

    expect((await h.call('POST', `/api/imports/${id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(200);
    expect(await p.technician.findUnique({ where: { reference: 'T-100' } })).toBeNull();
  });

  it('stock levels per depot and van: counts become adjustment movements, history stays true, undo reverses them', async () => {
    const h = harness();
    const p = h.db.prisma;
    const part = await p.part.create({ data: { reference: 'P-1', name: 'Filtre', unitCostCents: 1250, unitPriceCents: 1999 } });
    await p.part.create({ data: { reference: 'P-2', name: 'Joint', unitCostCents: 100, unitPriceCents: 300 } });
    const aix = await p.depot.create({ data: { agencyId: h.fixtures.agencyA.id, code: 'AIX-CENTRAL', name: 'Dépôt Aix', kind: 'central' } });
    await p.depot.create({ data: { agencyId: h.fixtures.agencyB.id, code: 'MRS-CENTRAL', name: 'Dépôt Marseille', kind: 'central' } });
    await p.technician.update({ where: { id: h.fixtures.t1.id }, data: { reference: 'T-1' } });
    await p.technician.update({ where: { id: h.fixtures.t2.id }, data: { reference: 'T-2' } });
    const van = await p.depot.create({
      data: { agencyId: h.fixtures.agencyA.id, code: 'VAN-1', name: 'Camion Un', kind: 'van', technicianId: h.fixtures.t1.id },
    });
    const csv = [
      'Référence article;Dépôt;Technicien;En stock;Minimum;Maximum;Emplacement',
      'P-1;AIX-CENTRAL;;10;2;20;A1',
      'P-2;;T-1;3;;;',
      'P-9;AIX-CENTRAL;;1;;;',
      'P-1;MRS-CENTRAL;;4;;;',
      'P-2;AIX-CENTRAL;;-1;;;',
      'P-2;;T-2;1;;;',
      'P-2;AIX-CENTRAL;;5;6;3;',
      'P-2;;;5;;;',
    ].join('\n');
    const { dry, id, mapping } = await dryThenImport(h, h.tokens.dispatcherA, 'stockLevels', csv);
    expect(dry).toMatchObject({ created: 2, refused: 6 });
    expect(await p.stockMovement.count()).toBe(0);
    expect(await refusals(h, h.tokens.dispatcherA, id)).toEqual([
      [4, [['partReference', 'unknown_reference']]],
      [5, [['depotCode', 'not_your_agency']]],
      [6, [['onHand', 'out_of_range']]],
      [7, [['technicianReference', 'no_van']]],
      [8, [['maxQuantity', 'out_of_range']]],
      [9, [['depotCode', 'required']]],
    ]);
    expect((await runMode(h, h.tokens.dispatcherA, id, 'import', mapping)).body).toMatchObject({ status: 'imported', created: 2 });
    expect(await p.stockLevel.findUnique({ where: { partId_depotId: { partId: part.id, depotId: aix.id } } })).toMatchObject({
      onHand: 10,
      minQuantity: 2,
      maxQuantity: 20,
      bin: 'A1',
    });
    const movements = await p.stockMovement.findMany({ orderBy: { quantity: 'asc' } });
    expect(movements.map((m) => [m.kind, m.quantity, m.depotId])).toEqual([
      ['adjustment', 3, van.id],
      ['adjustment', 10, aix.id],
    ]);
    expect(await stockDrift(p)).toEqual([]);

    // The same count again: nothing moves. A new count moves the difference.
    expect(await uploadAndRun(h, h.tokens.dispatcherA, 'stockLevels', 's.csv', csv, 'import')).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
    expect(await p.stockMovement.count()).toBe(2);
    const recount = await uploadAndRun(h, h.tokens.admin, 'stockLevels', 'r.csv', 'Référence article;Dépôt;En stock\nP-1;AIX-CENTRAL;7\n', 'import');
    expect(recount).toMatchObject({ updated: 1 });
    expect((await report(h, h.tokens.admin, recount.id, 'update'))[0]).toMatchObject({ reference: 'P-1 @ AIX-CENTRAL', changed: ['onHand'] });
    expect((await p.stockMovement.findFirstOrThrow({ where: { quantity: -3 } })).kind).toBe('adjustment');

    // Stock moves after the import; undoing the recount reverses its own movement only.
    await adjustStock(p, { depotId: aix.id, lines: [{ partId: part.id, quantity: 5 }], reason: 'trouvé' });
    expect((await h.call('POST', `/api/imports/${recount.id}/undo`, { token: h.tokens.admin })).status).toBe(200);
    expect((await p.stockLevel.findUniqueOrThrow({ where: { partId_depotId: { partId: part.id, depotId: aix.id } } })).onHand).toBe(15);
    expect(await p.stockMovement.count()).toBe(5);
    expect(await stockDrift(p)).toEqual([]);

    // Round trip: the export (dispatcher A: their depots and vans) imports back unchanged.
    const exported = await download(h, h.tokens.dispatcherA, '/api/exports/stockLevels?format=csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(exported.bytes);
    expect(text).toContain('P-2;Joint;AIX;VAN-1;Camion Un;T-1;3;;;');
    expect(await uploadAndRun(h, h.tokens.dispatcherA, 'stockLevels', 'stocks.csv', exported.bytes, 'import')).toMatchObject({
      unchanged: 2,
      created: 0,
      updated: 0,
      refused: 0,
    });

    // Undoing the first import takes its counts back out: 15 − 10 on the shelf, the van empty again.
    expect((await h.call('POST', `/api/imports/${id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(200);
    expect(await p.stockLevel.findUniqueOrThrow({ where: { partId_depotId: { partId: part.id, depotId: aix.id } } })).toMatchObject({
      onHand: 5,
      minQuantity: null,
      bin: null,
    });
    expect((await p.stockLevel.findFirstOrThrow({ where: { depotId: van.id } })).onHand).toBe(0);
    expect(await stockDrift(p)).toEqual([]);
  });

  it('contracts, then service plans on their sites: dry run, import, no change the second time, undo in order', async () => {
    const h = harness();
    await sectorsAndReferences(h);
    const p = h.db.prisma;
    const contracts = [
      'N° contrat;Code client;Libellé;Début;Fin;Statut',
      'K-1;C-001;Entretien PAC;01/01/2027;31/12/2029;actif',
      'K-2;C-999;Inconnu;01/01/2027;;',
      'K-3;C-001;À l’envers;01/01/2027;01/01/2026;',
      'K-4;C-001;Statut;01/01/2027;;peut-être',
    ].join('\n');
    const k = await dryThenImport(h, h.tokens.dispatcherA, 'contracts', contracts);
    expect(k.dry).toMatchObject({ created: 1, refused: 3 });
    expect(await refusals(h, h.tokens.dispatcherA, k.id)).toEqual([
      [3, [['customerReference', 'unknown_reference']]],
      [4, [['endsOn', 'out_of_range']]],
      [5, [['status', 'invalid_choice']]],
    ]);
    expect((await runMode(h, h.tokens.dispatcherA, k.id, 'import', k.mapping)).body).toMatchObject({ created: 1 });
    expect(await p.contract.findUniqueOrThrow({ where: { reference: 'K-1' } })).toMatchObject({ status: 'active', name: 'Entretien PAC' });
    expect(await uploadAndRun(h, h.tokens.dispatcherA, 'contracts', 'k.csv', contracts, 'import')).toMatchObject({ unchanged: 1, created: 0 });

    const plans = [
      'Référence;N° contrat;Code site;Référence équipement;Libellé;Déclenchement;Fréquence (mois);Compteur;Intervalle compteur;Dates fixes;Durée (min);Compétences',
      'SP-1;K-1;S-A;E-1;Entretien annuel;fréquence;12;;;;90;heat_pump:2',
      'SP-2;K-1;S-A;E-1;Selon les heures;compteur;;hours;500;;60;',
      'SP-3;K-1;S-A;;Ramonage;dates fixes;;;;15/03/2027, 15/09/2027;45;',
      'SP-4;K-1;S-A;;Sans fréquence;fréquence;;;;;60;',
      'SP-5;K-1;S-B;;Marseille;fréquence;6;;;;60;',
      'SP-6;K-9;S-A;;Contrat inconnu;fréquence;6;;;;60;',
      'SP-7;K-1;S-A;E-404;Équipement inconnu;fréquence;6;;;;60;',
    ].join('\n');
    const sp = await dryThenImport(h, h.tokens.dispatcherA, 'servicePlans', plans);
    expect(sp.dry).toMatchObject({ created: 3, refused: 4 });
    expect(await refusals(h, h.tokens.dispatcherA, sp.id)).toEqual([
      [5, [['frequencyMonths', 'required']]],
      [6, [['siteReference', 'not_your_agency']]],
      [7, [['contractReference', 'unknown_reference']]],
      [8, [['equipmentReference', 'unknown_reference']]],
    ]);
    expect(await p.servicePlan.count()).toBe(0);
    expect((await runMode(h, h.tokens.dispatcherA, sp.id, 'import', sp.mapping)).body).toMatchObject({ created: 3 });
    expect(await p.servicePlan.findUniqueOrThrow({ where: { reference: 'SP-1' } })).toMatchObject({
      trigger: 'frequency',
      frequencyMonths: 12,
      equipmentId: h.fixtures.equipment.id,
      requiredSkills: [{ skill: 'heat_pump', minLevel: 2 }],
      estimatedDurationMinutes: 90,
    });
    expect(await p.servicePlan.findUniqueOrThrow({ where: { reference: 'SP-2' } })).toMatchObject({
      trigger: 'usage_counter',
      counterName: 'hours',
      counterInterval: 500,
    });
    expect((await p.servicePlan.findUniqueOrThrow({ where: { reference: 'SP-3' } })).fixedDates.map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2027-03-15',
      '2027-09-15',
    ]);
    expect(await uploadAndRun(h, h.tokens.dispatcherA, 'servicePlans', 'sp.csv', plans, 'import')).toMatchObject({ unchanged: 3, created: 0, updated: 0 });

    // Round trip of both files.
    for (const kind of ['contracts', 'servicePlans']) {
      const exported = await download(h, h.tokens.admin, `/api/exports/${kind}?format=csv`);
      expect(await uploadAndRun(h, h.tokens.admin, kind, `${kind}.csv`, exported.bytes, 'import')).toMatchObject({ created: 0, updated: 0, refused: 0 });
    }

    // The contracts cannot be undone while their plans exist; the plans first, then the contracts.
    expect((await h.call('POST', `/api/imports/${k.id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(409);
    expect((await h.call('POST', `/api/imports/${sp.id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(200);
    expect(await p.servicePlan.count()).toBe(0);
    expect((await h.call('POST', `/api/imports/${k.id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(200);
    expect(await p.contract.count()).toBe(0);
  });

  it('open interventions: created to plan, time windows in the agency’s zone, statuses left to the lifecycle, undo', async () => {
    const h = harness();
    await sectorsAndReferences(h);
    const p = h.db.prisma;
    const { a1, a2 } = h.fixtures.interventions;
    await p.intervention.update({ where: { id: a1.id }, data: { reference: 'OT-9' } });
    await p.intervention.update({ where: { id: a2.id }, data: { reference: 'OT-8', status: 'done' } });
    const csv = [
      'N° OT;Code site;Équipement;Compétences;Durée (min);Créneaux;À faire avant le;Priorité;Statut;Description',
      'OT-1;S-A;E-1;heat_pump:2;90;12/01/2027 08:00-12:00; 14/01/2027;70;à planifier;Ne chauffe plus',
      'OT-2;S-A;;;60;;;;planifiée;',
      'OT-3;S-Z;;;60;;;;;',
      'OT-4;S-A;;soudure;60;;;;;',
      'OT-5;S-B;;;60;;;;;',
      'OT-6;S-A;;;60;12/01/2027 14:00-13:00;;;;',
      'OT-8;S-A;;;30;;;;;',
      'OT-9;S-A;;;45;;;;;',
    ].join('\n');
    const { dry, id, mapping } = await dryThenImport(h, h.tokens.dispatcherA, 'interventions', csv);
    expect(dry).toMatchObject({ created: 1, updated: 1, refused: 6 });
    expect(await refusals(h, h.tokens.dispatcherA, id)).toEqual([
      [3, [['status', 'status_by_lifecycle']]],
      [4, [['siteReference', 'unknown_reference']]],
      [5, [['skills', 'unknown_reference']]],
      [6, [['siteReference', 'not_your_agency']]],
      [7, [['timeWindows', 'invalid_time_window']]],
      [8, [['reference', 'not_open']]],
    ]);
    const versionBefore = (await p.intervention.findUniqueOrThrow({ where: { id: a1.id } })).version;
    expect((await runMode(h, h.tokens.dispatcherA, id, 'import', mapping)).body).toMatchObject({ created: 1, updated: 1 });
    const ot1 = await p.intervention.findUniqueOrThrow({ where: { reference: 'OT-1' }, include: { requiredSkills: { include: { skill: true } } } });
    expect(ot1).toMatchObject({
      status: 'requested',
      agencyId: h.fixtures.agencyA.id,
      equipmentId: h.fixtures.equipment.id,
      priority: 70,
      estimatedDurationMinutes: 90,
      problemDescription: 'Ne chauffe plus',
      // 08:00–12:00 in Paris in January (UTC+1).
      timeWindows: [{ start: '2027-01-12T07:00:00.000Z', end: '2027-01-12T11:00:00.000Z' }],
    });
    expect(ot1.latestDate?.toISOString().slice(0, 10)).toBe('2027-01-14');
    expect(ot1.requiredSkills.map((s) => [s.skill.code, s.minLevel])).toEqual([['heat_pump', 2]]);
    const ot9 = await p.intervention.findUniqueOrThrow({ where: { id: a1.id } });
    expect(ot9).toMatchObject({ estimatedDurationMinutes: 45, status: 'dispatched', version: versionBefore + 1 });

    expect(await uploadAndRun(h, h.tokens.dispatcherA, 'interventions', 'i.csv', csv, 'import')).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    // Round trip: the open interventions of agency A (those with a reference) import back unchanged.
    const exported = await download(h, h.tokens.dispatcherA, '/api/exports/interventions?format=csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(exported.bytes);
    expect(text).toContain('OT-1;S-A;E-1;;AIX;corrective;requested;Ne chauffe plus;heat_pump:2;90;70;12/01/2027 08:00-12:00;;14/01/2027');
    const back = await uploadAndRun(h, h.tokens.dispatcherA, 'interventions', 'interventions.csv', exported.bytes, 'dry-run');
    expect(back).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    expect((await h.call('POST', `/api/imports/${id}/undo`, { token: h.tokens.dispatcherA })).status).toBe(200);
    expect(await p.intervention.findUnique({ where: { reference: 'OT-1' } })).toBeNull();
    expect((await p.intervention.findUniqueOrThrow({ where: { id: a1.id } })).estimatedDurationMinutes).toBe(60);
  });
});
