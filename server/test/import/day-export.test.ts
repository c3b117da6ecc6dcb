// The board's day as CSV and XLSX (issue 13), on PGlite and PostgreSQL: one
// agency's visits on one date in tour order with their planned times in the
// agency's time, the import's column names, another agency's visits and
// cancelled ones left out, and the agency and role checks.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeOnEachDatabase, type Harness } from '../http/harness.ts';
import { download, report, uploadAndRun, XLSX_TYPE } from './support.ts';

const DAY = '2026-12-08';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`);

async function seedDay(h: Harness) {
  const { prisma } = h.db;
  const f = h.fixtures;
  await prisma.customer.update({ where: { id: f.customer.id }, data: { name: 'Mme Dupont; fille' } });
  await prisma.site.update({ where: { id: f.siteA.id }, data: { reference: 'S-AIX-1' } });
  await prisma.technician.update({ where: { id: f.t1.id }, data: { reference: 'T-001' } });
  await prisma.intervention.update({
    where: { id: f.interventions.a1.id },
    data: {
      reference: 'INT-1',
      plannedStart: at('14:00'),
      plannedEnd: at('15:00'),
      priority: 80,
      requiredSkills: { create: [{ skillId: f.skill.id, minLevel: 2 }] },
      slaDeadline: at('18:00'),
    },
  });
  const second = await prisma.intervention.create({
    data: {
      agencyId: f.agencyA.id,
      siteId: f.siteA.id,
      technicianId: f.t1.id,
      status: 'assigned',
      kind: 'preventive',
      reference: 'INT-2',
      estimatedDurationMinutes: 45,
      problemDescription: 'Entretien annuel',
      plannedStart: at('09:30'),
      plannedEnd: at('10:15'),
      earliestDate: new Date(`${DAY}T00:00:00Z`),
      contractId: (await prisma.contract.create({ data: { customerId: f.customer.id, reference: 'CT-DAY', startsOn: new Date('2026-01-01') } })).id,
      timeWindows: [
        { start: at('09:00').toISOString(), end: at('12:00').toISOString() },
        { start: new Date('2026-12-09T08:00:00Z').toISOString(), end: new Date('2026-12-09T11:00:00Z').toISOString() },
      ],
    },
  });
  const tour = await prisma.tour.create({ data: { agencyId: f.agencyA.id, technicianId: f.t1.id, date: new Date(`${DAY}T00:00:00Z`) } });
  await prisma.tourStop.createMany({
    data: [
      { tourId: tour.id, interventionId: second.id, sequence: 0, plannedStart: at('09:30'), plannedEnd: at('10:15') },
      { tourId: tour.id, interventionId: f.interventions.a1.id, sequence: 1, plannedStart: at('14:00'), plannedEnd: at('15:00') },
    ],
  });
  await prisma.intervention.update({ where: { id: f.interventions.a2.id }, data: { plannedStart: at('11:00'), plannedEnd: at('12:00') } });
  // Not in the day: another agency's visit, a cancelled one, one on the next day.
  await prisma.intervention.update({ where: { id: f.interventions.b1.id }, data: { plannedStart: at('10:00'), plannedEnd: at('11:00') } });
  const base = { agencyId: f.agencyA.id, siteId: f.siteA.id, estimatedDurationMinutes: 30 };
  await prisma.intervention.create({ data: { ...base, status: 'cancelled', plannedStart: at('16:00'), cancelReason: 'client absent' } });
  await prisma.intervention.create({ data: { ...base, status: 'assigned', technicianId: f.t1.id, plannedStart: new Date('2026-12-09T08:00:00Z') } });
}

function csvLines(bytes: Uint8Array): string[][] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^;]*)(;|$)/g)!
        .filter((c, i, all) => c !== '' || i < all.length - 1)
        .map((c) => c.replace(/;$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

describeOnEachDatabase('day export', (harness) => {
  it("writes the agency's day, technician by technician in tour order, as CSV and XLSX", async () => {
    const h = harness();
    await seedDay(h);
    const path = `/api/day-export?agencyId=${h.fixtures.agencyA.id}&date=${DAY}`;

    const csv = await download(h, h.tokens.dispatcherA, `${path}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csvLines(csv.bytes);
    expect(header).toEqual([
      'Référence',
      'Agence',
      'Date',
      'Technicien',
      'Référence technicien',
      'Ordre',
      'Début prévu',
      'Fin prévue',
      'Statut',
      'Type',
      'Référence client',
      'Client',
      'Référence site',
      'Adresse',
      'Code postal',
      'Ville',
      'Référence équipement',
      'Référence contrat',
      'Description',
      'Compétences',
      'Durée (min)',
      'Priorité',
      'Créneaux',
      'Pas avant le',
      'À faire avant le',
      'Limite SLA',
    ]);
    const pick = (row: string[], ...names: string[]) => names.map((n) => row[header!.indexOf(n)]);
    expect(rows.map((r) => pick(r, 'Référence', 'Technicien', 'Ordre', 'Début prévu', 'Fin prévue', 'Statut', 'Type'))).toEqual([
      ['', 'Deux Test', '1', '11:00', '12:00', 'Affectée', 'Dépannage'],
      ['INT-2', 'Un Test', '1', '09:30', '10:15', 'Affectée', 'Entretien'],
      ['INT-1', 'Un Test', '2', '14:00', '15:00', 'Envoyée', 'Dépannage'],
    ]);
    expect(pick(rows[2]!, 'Date', 'Référence technicien', 'Client', 'Référence client', 'Référence site', 'Adresse', 'Code postal', 'Ville')).toEqual([
      '08/12/2026',
      'T-001',
      'Mme Dupont; fille',
      'C-001',
      'S-AIX-1',
      '1 cours Mirabeau',
      '13100',
      'Aix-en-Provence',
    ]);
    const skillCode = h.fixtures.skill.code;
    expect(pick(rows[2]!, 'Compétences', 'Durée (min)', 'Priorité', 'Limite SLA', 'Description')).toEqual([
      `${skillCode}:2`,
      '60',
      '80',
      '08/12/2026 18:00',
      'Panne',
    ]);
    expect(pick(rows[1]!, 'Pas avant le', 'Description', 'Agence', 'Référence contrat', 'Créneaux')).toEqual([
      '08/12/2026',
      'Entretien annuel',
      'AIX',
      'CT-DAY',
      '08/12/2026 09:00-12:00; 09/12/2026 09:00-12:00',
    ]);

    const xlsx = await download(h, h.tokens.admin, `${path}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe(`Journée ${DAY}`);
    expect(sheet.rowCount).toBe(4);
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1)).toEqual(header);
    expect(cells(3).slice(0, 9)).toEqual(['INT-2', 'AIX', new Date(`${DAY}T00:00:00Z`), 'Un Test', 'T-001', 1, '09:30', '10:15', 'Affectée']);
    expect(cells(4)[header!.indexOf('Durée (min)')]).toBe(60);
  });

  it('reads back through the interventions import: the visits with a reference are found again, unchanged', async () => {
    // (The day seeded by the first test.)
    const h = harness();
    const csv = await download(h, h.tokens.admin, `/api/day-export?agencyId=${h.fixtures.agencyA.id}&date=${DAY}&format=csv`);
    const dry = await uploadAndRun(h, h.tokens.admin, 'interventions', 'journee.csv', csv.bytes, 'dry-run');
    // Every column the import knows is mapped from the export's headers as they are; the board's own columns are left aside.
    expect(dry.mapping).toMatchObject({
      Référence: 'reference',
      Agence: 'agencyCode',
      Statut: 'status',
      Type: 'kind',
      'Référence site': 'siteReference',
      'Référence équipement': 'equipmentReference',
      'Référence contrat': 'contractReference',
      Description: 'problemDescription',
      Compétences: 'skills',
      'Durée (min)': 'estimatedDurationMinutes',
      Priorité: 'priority',
      Créneaux: 'timeWindows',
      'Pas avant le': 'earliestDate',
      'À faire avant le': 'latestDate',
      Technicien: null,
      'Début prévu': null,
    });
    expect(dry).toMatchObject({ status: 'checked', processed: 3, created: 0, updated: 0, unchanged: 2, refused: 1 });
    const lines = await report(h, h.tokens.admin, dry.id);
    expect(lines.map((l) => [l.line, l.action, l.reference])).toEqual([
      [2, 'refuse', null],
      [3, 'unchanged', 'INT-2'],
      [4, 'unchanged', 'INT-1'],
    ]);
    // The visit without a reference cannot be matched: the import says so on its reference.
    expect(lines[0]!.errors!.map((e) => [e.field, e.code])).toContainEqual(['reference', 'required']);
  });

  it('answers a day with no visit with the header line alone', async () => {
    const h = harness();
    const res = await download(h, h.tokens.dispatcherB, `/api/day-export?agencyId=${h.fixtures.agencyB.id}&date=2027-01-04&format=csv`);
    expect(res.status).toBe(200);
    expect(csvLines(res.bytes)).toHaveLength(1);
  });

  it("refuses another agency's day, the technicians, an unknown agency and a bad date, naming the field", async () => {
    const h = harness();
    const { agencyA } = h.fixtures;
    const other = await h.call('GET', `/api/day-export?agencyId=${agencyA.id}&date=${DAY}`, { token: h.tokens.dispatcherB });
    expect(other.status).toBe(403);
    expect(other.body.details[0]).toMatchObject({ path: 'agencyId', in: 'query' });
    expect((await h.call('GET', `/api/day-export?agencyId=${agencyA.id}&date=${DAY}`, { token: h.tokens.tech1 })).status).toBe(403);
    expect((await h.call('GET', `/api/day-export?agencyId=${agencyA.id}&date=${DAY}`)).status).toBe(401);
    expect((await h.call('GET', `/api/day-export?agencyId=01930000-0000-7000-8000-000000000000&date=${DAY}`, { token: h.tokens.admin })).status).toBe(404);
    const bad = await h.call('GET', `/api/day-export?agencyId=${agencyA.id}&date=08/12/2026`, { token: h.tokens.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ path: 'date', in: 'query' });
    const format = await h.call('GET', `/api/day-export?agencyId=${agencyA.id}&date=${DAY}&format=pdf`, { token: h.tokens.admin });
    expect(format.status).toBe(400);
    expect(format.body.details[0]).toMatchObject({ path: 'format', in: 'query' });
  });
});
