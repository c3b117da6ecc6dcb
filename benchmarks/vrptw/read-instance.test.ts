import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTANCES_DIR } from './best-known.ts';
import { InstanceFormatError, parseInstance, readInstance } from './read-instance.ts';

const C101_HEAD = `C101

VEHICLE
NUMBER     CAPACITY
  25         200

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      40         50          0          0       1236          0
    1      45         68         10        912        967         90
    2      45         70         30        825        870         90
`;

describe('readInstance', () => {
  it('reads Solomon C101', () => {
    const instance = readInstance(`${INSTANCES_DIR}solomon/C101.txt`);
    expect(instance.name).toBe('C101');
    expect(instance.vehicles).toBe(25);
    expect(instance.capacity).toBe(200);
    expect(instance.customers).toHaveLength(100);
    expect(instance.depot).toEqual({ id: 0, x: 40, y: 50, demand: 0, ready: 0, due: 1236, service: 0 });
    expect(instance.customers[0]).toEqual({ id: 1, x: 45, y: 68, demand: 10, ready: 912, due: 967, service: 90 });
    expect(instance.customers[99]).toEqual({ id: 100, x: 55, y: 85, demand: 20, ready: 647, due: 726, service: 90 });
  });

  it('reads a Gehring & Homberger file (CRLF line ends)', () => {
    const instance = readInstance(`${INSTANCES_DIR}gh200/c1_2_1.txt`);
    expect(instance.name).toBe('c1_2_1');
    expect(instance.vehicles).toBe(50);
    expect(instance.capacity).toBe(200);
    expect(instance.customers).toHaveLength(200);
    expect(instance.depot).toEqual({ id: 0, x: 70, y: 70, demand: 0, ready: 0, due: 1351, service: 0 });
    expect(instance.customers[0]).toEqual({ id: 1, x: 33, y: 78, demand: 20, ready: 750, due: 809, service: 90 });
  });

  it('parses text with CRLF and trailing blanks like the files', () => {
    const instance = parseInstance(C101_HEAD.replace(/\n/g, '   \r\n'));
    expect(instance.customers.map((customer) => customer.id)).toEqual([1, 2]);
  });
});

describe('malformed instances', () => {
  const failure = (text: string): InstanceFormatError => {
    try {
      parseInstance(text, 'bad.txt');
    } catch (error) {
      expect(error).toBeInstanceOf(InstanceFormatError);
      return error as InstanceFormatError;
    }
    throw new Error('expected a parse error');
  };

  it('names the file and line of a short customer row', () => {
    const error = failure(
      C101_HEAD.replace('    2      45         70         30        825        870         90', '    2      45         70         30        825'),
    );
    expect(error.line).toBe(12);
    expect(error.message).toMatch(/^bad\.txt:12: expected 7 numbers/);
  });

  it('rejects a field that is not a number', () => {
    expect(failure(C101_HEAD.replace('912', '9l2')).message).toMatch(/^bad\.txt:11: "9l2" is not a number/);
  });

  it('rejects a missing VEHICLE section', () => {
    expect(failure(C101_HEAD.replace('VEHICLE', 'VEHICLES')).message).toMatch(/^bad\.txt:3: expected "VEHICLE"/);
  });

  it('rejects a bad fleet line', () => {
    expect(failure(C101_HEAD.replace('  25         200', '  25')).message).toMatch(/^bad\.txt:5: expected 2 numbers/);
    expect(failure(C101_HEAD.replace('  25         200', '  0         200')).message).toMatch(/^bad\.txt:5: vehicle number 0/);
  });

  it('rejects a duplicate customer number and an empty window', () => {
    expect(failure(C101_HEAD.replace('    2      45', '    1      45')).message).toBe('bad.txt:12: customer number 1 already used on line 11');
    expect(failure(C101_HEAD.replace('912', '999')).message).toMatch(/^bad\.txt:11: customer 1: ready time 999 is after due date 967/);
  });

  it('rejects a file without customers or cut short', () => {
    expect(failure(C101_HEAD.split('\n').slice(0, 10).join('\n')).message).toMatch(/^bad\.txt:8: no customer rows/);
    expect(failure('C101\n\nVEHICLE\n').message).toMatch(/^bad\.txt: unexpected end of file/);
    expect(failure('').message).toBe('bad.txt: empty file');
  });

  it('readInstance names the file it read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vrptw-')), 'broken.txt');
    writeFileSync(file, C101_HEAD.replace('967', 'soon'));
    expect(() => readInstance(file)).toThrow(`${file}:11: "soon" is not a number`);
  });
});
