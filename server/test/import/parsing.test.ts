// Reading files and cells, and proposing a mapping: the import's pure parts.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { attribute, boolean, day, decimal, euros, postcode } from '../../src/import/cells.ts';
import { STATUS as DAY_EXPORT_STATUS } from '../../src/import/day-export.ts';
import { KINDS } from '../../src/import/kinds/index.ts';
import { STATUS as INTERVENTION_STATUS } from '../../src/import/kinds/interventions.ts';
import { checkMapping, proposeMapping } from '../../src/import/mapping.ts';
import { normalizeHeader } from '../../src/import/normalize-header.ts';
import { detectFormat, readRows, UnreadableFileError } from '../../src/import/read-spreadsheet.ts';

async function all(bytes: Uint8Array) {
  const rows = [];
  for await (const row of readRows(bytes, detectFormat(bytes))) rows.push(row);
  return rows;
}

describe('cells', () => {
  it('reads French and ISO days, refuses impossible ones', () => {
    expect(day('31/12/2024')).toEqual({ ok: true, value: new Date(Date.UTC(2024, 11, 31)) });
    expect(day('2024-12-31')).toEqual({ ok: true, value: new Date(Date.UTC(2024, 11, 31)) });
    expect(day('1/2/2024')).toEqual({ ok: true, value: new Date(Date.UTC(2024, 1, 1)) });
    expect(day(new Date(Date.UTC(2021, 4, 12)))).toEqual({ ok: true, value: new Date(Date.UTC(2021, 4, 12)) });
    expect(day('31/02/2024')).toMatchObject({ ok: false, code: 'invalid_day' });
    expect(day('01/01/0001')).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(day('demain')).toMatchObject({ ok: false, code: 'invalid_day' });
    expect(day(null)).toEqual({ ok: true, value: null });
  });

  it('reads amounts and decimals with a comma or a dot', () => {
    expect(euros('12,50 €')).toEqual({ ok: true, value: 1250 });
    expect(euros('1 234.5')).toEqual({ ok: true, value: 123450 });
    expect(euros(19.99)).toEqual({ ok: true, value: 1999 });
    expect(euros('-3')).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(euros('douze')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(decimal(-90, 90)('43,5297')).toEqual({ ok: true, value: 43.5297 });
    expect(decimal(-90, 90)('95')).toMatchObject({ ok: false, code: 'out_of_range' });
  });

  it('reads yes/no in French and English, postcodes that lost their zero', () => {
    expect(boolean('Oui')).toEqual({ ok: true, value: true });
    expect(boolean('non')).toEqual({ ok: true, value: false });
    expect(boolean(true)).toEqual({ ok: true, value: true });
    expect(boolean('peut-être')).toMatchObject({ ok: false, code: 'invalid_boolean' });
    expect(postcode(6100)).toEqual({ ok: true, value: '06100' });
    expect(postcode('13100')).toEqual({ ok: true, value: '13100' });
  });

  it('types as-sold attributes: numbers, booleans, JSON; codes with leading zeros stay text', () => {
    expect(attribute('2,5')).toBe(2.5);
    expect(attribute('8')).toBe(8);
    expect(attribute('007')).toBe('007');
    expect(attribute('R32')).toBe('R32');
    expect(attribute('true')).toBe(true);
    expect(attribute('oui')).toBe('oui');
    expect(attribute('{"a":1}')).toEqual({ a: 1 });
    expect(attribute('')).toBeNull();
  });
});

describe('reading files', () => {
  it('reads a Windows-1252 CSV separated by semicolons, with quoted multi-line cells and blank lines', async () => {
    const text = 'Référence;Nom;Notes\r\nC-1;"Société ""Azur""";"ligne 1\r\nligne 2"\r\n\r\n;;\r\nC-2;Élodie;\r\n';
    const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0))); // Latin-1 code points: é is one byte
    expect(detectFormat(bytes)).toBe('csv');
    const rows = await all(bytes);
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['Référence', 'Nom', 'Notes']],
      [2, ['C-1', 'Société "Azur"', 'ligne 1\nligne 2']],
      [6, ['C-2', 'Élodie', null]],
    ]);
  });

  it('reads a UTF-8 CSV with a BOM and commas', async () => {
    const rows = await all(new TextEncoder().encode('\uFEFFReference,Name\nC-1,Zoé\n'));
    expect(rows.map((r) => r.cells)).toEqual([
      ['Reference', 'Name'],
      ['C-1', 'Zoé'],
    ]);
  });

  it('reads the first worksheet of a workbook: rich text, formulas, dates, numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Parc');
    sheet.addRow(['Référence', 'Marque', 'Date', 'Puissance']);
    sheet.addRow(['E-1', { richText: [{ text: 'Dai' }, { text: 'kin' }] }, new Date(Date.UTC(2020, 0, 2)), { formula: '4*2', result: 8 }]);
    wb.addWorksheet('Autre').addRow(['ignored']);
    const rows = await all(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(rows.map((r) => r.cells)).toEqual([
      ['Référence', 'Marque', 'Date', 'Puissance'],
      ['E-1', 'Daikin', new Date(Date.UTC(2020, 0, 2)), 8],
    ]);
  });

  it('refuses legacy .xls, binary and empty files with a reason', () => {
    expect(() => detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toThrow(/97-2003/);
    expect(() => detectFormat(new Uint8Array([1, 0, 2]))).toThrow(UnreadableFileError);
    expect(() => detectFormat(new Uint8Array())).toThrow(/empty/);
  });
});

describe('mapping', () => {
  it('matches headers without accents, case or punctuation, in French and English', () => {
    expect(normalizeHeader('  N° de SÉRIE ')).toBe('n de serie');
    const mapping = proposeMapping(KINDS.equipment, ['REFERENCE', 'site reference', 'Serial number', 'Marque', 'Fluide frigorigène'], {});
    expect(mapping).toEqual({
      REFERENCE: 'reference',
      'site reference': 'siteReference',
      'Serial number': 'serialNumber',
      Marque: 'brand',
      'Fluide frigorigène': 'asSold',
    });
    expect(proposeMapping(KINDS.customers, ['Code', 'Nom'], {})).toEqual({ Code: null, Nom: 'name' });
  });

  it('puts the stored choices first, and never proposes one field for two columns', () => {
    expect(proposeMapping(KINDS.customers, ['Nom', 'Code'], { code: 'reference', nom: null })).toEqual({ Nom: null, Code: 'reference' });
    expect(proposeMapping(KINDS.customers, ['Nom', 'Name'], {})).toEqual({ Nom: 'name', Name: null });
  });

  it('names what is wrong with a mapping', () => {
    expect(checkMapping(KINDS.customers, ['A', 'B'], { A: 'reference', B: 'reference', C: 'name' })).toEqual([
      { path: 'mapping.B', message: 'reference is already read from the column A' },
      { path: 'mapping.C', message: 'the file has no column C' },
    ]);
    expect(checkMapping(KINDS.customers, ['A'], { A: 'asSold' })).toContainEqual({
      path: 'mapping.A',
      message: 'unknown field asSold (expected one of reference, name, email, phone, notes, or null)',
    });
  });
});

describe('the day export read back by the interventions import', () => {
  it('reads every open status in the words the day export writes (« Sur place » included)', () => {
    for (const status of ['requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site']) {
      expect(INTERVENTION_STATUS(DAY_EXPORT_STATUS[status]!)).toEqual({ ok: true, value: status });
    }
  });
});
