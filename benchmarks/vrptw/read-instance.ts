/**
 * Reader for Solomon and Gehring & Homberger VRPTW instances, which share one
 * text format:
 *
 *     C101
 *
 *     VEHICLE
 *     NUMBER     CAPACITY
 *       25         200
 *
 *     CUSTOMER
 *     CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
 *
 *         0      40         50          0          0       1236          0
 *         1      45         68         10        912        967         90
 *
 * The first customer row is the depot. The files come with CRLF line ends and
 * trailing blanks, so the reader splits on any whitespace rather than columns.
 */
import { readFileSync } from 'node:fs';

export interface Customer {
  /** The instance's own customer number (0 for the depot in every known file). */
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  /** Earliest service start. */
  readonly ready: number;
  /** Latest service start; for the depot, the latest return. */
  readonly due: number;
  readonly service: number;
}

export interface Instance {
  readonly name: string;
  /** Size of the fleet; every vehicle has the same capacity. */
  readonly vehicles: number;
  readonly capacity: number;
  readonly depot: Customer;
  readonly customers: readonly Customer[];
}

/** A malformed instance file; the message starts with `file:line:`. */
export class InstanceFormatError extends Error {
  readonly file: string;
  /** 1-based; 0 when the problem is the file as a whole. */
  readonly line: number;
  constructor(file: string, line: number, reason: string) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'InstanceFormatError';
    this.file = file;
    this.line = line;
  }
}

export function readInstance(file: string): Instance {
  return parseInstance(readFileSync(file, 'utf8'), file);
}

/** `source` only names the text in error messages (usually the file path). */
export function parseInstance(text: string, source = '<instance>'): Instance {
  const lines = text.split(/\r?\n/).map((raw, i) => ({ no: i + 1, text: raw.trim() }));
  const fail = (line: number, reason: string): never => {
    throw new InstanceFormatError(source, line, reason);
  };

  let at = 0;
  const nextNonEmpty = (): { no: number; text: string } | undefined => {
    while (at < lines.length && lines[at].text === '') at++;
    return at < lines.length ? lines[at++] : undefined;
  };
  const expectKeyword = (keyword: string): void => {
    const line = nextNonEmpty();
    if (line === undefined) fail(0, `unexpected end of file, expected "${keyword}"`);
    else if (line.text.toUpperCase() !== keyword) fail(line.no, `expected "${keyword}", found "${line.text}"`);
  };
  const numbers = (line: { no: number; text: string }, count: number, what: string): number[] => {
    const tokens = line.text.split(/\s+/);
    if (tokens.length !== count) {
      fail(line.no, `expected ${count} numbers (${what}), found ${tokens.length} fields: "${line.text}"`);
    }
    return tokens.map((token) => {
      const value = Number(token);
      if (!Number.isFinite(value)) fail(line.no, `"${token}" is not a number (${what})`);
      return value;
    });
  };

  const nameLine = nextNonEmpty();
  if (nameLine === undefined) return fail(0, 'empty file');
  const name = nameLine.text;
  if (/\s/.test(name)) fail(nameLine.no, `expected the instance name alone on the first line, found "${name}"`);

  expectKeyword('VEHICLE');
  const vehicleHeader = nextNonEmpty();
  if (vehicleHeader === undefined) return fail(0, 'unexpected end of file, expected "NUMBER CAPACITY"');
  if (!/^NUMBER\s+CAPACITY$/i.test(vehicleHeader.text)) {
    fail(vehicleHeader.no, `expected "NUMBER CAPACITY", found "${vehicleHeader.text}"`);
  }
  const fleetLine = nextNonEmpty();
  if (fleetLine === undefined) return fail(0, 'unexpected end of file, expected the vehicle number and capacity');
  const [vehicles, capacity] = numbers(fleetLine, 2, 'vehicle number, capacity');
  if (!Number.isInteger(vehicles) || vehicles < 1) fail(fleetLine.no, `vehicle number ${vehicles} is not a positive integer`);
  if (!(capacity > 0)) fail(fleetLine.no, `capacity ${capacity} is not positive`);

  expectKeyword('CUSTOMER');
  const columnHeader = nextNonEmpty();
  if (columnHeader === undefined) return fail(0, 'unexpected end of file, expected the customer column header');
  if (!/^CUST/i.test(columnHeader.text)) fail(columnHeader.no, `expected the customer column header, found "${columnHeader.text}"`);

  const nodes: Customer[] = [];
  const seen = new Map<number, number>();
  for (let line = nextNonEmpty(); line !== undefined; line = nextNonEmpty()) {
    const [id, x, y, demand, ready, due, service] = numbers(line, 7, 'customer number, x, y, demand, ready time, due date, service time');
    if (!Number.isInteger(id) || id < 0) fail(line.no, `customer number ${id} is not a non-negative integer`);
    const previous = seen.get(id);
    if (previous !== undefined) fail(line.no, `customer number ${id} already used on line ${previous}`);
    seen.set(id, line.no);
    if (demand < 0) fail(line.no, `customer ${id}: negative demand ${demand}`);
    if (service < 0) fail(line.no, `customer ${id}: negative service time ${service}`);
    if (ready > due) fail(line.no, `customer ${id}: ready time ${ready} is after due date ${due}`);
    nodes.push({ id, x, y, demand, ready, due, service });
  }
  if (nodes.length === 0) fail(columnHeader.no, 'no depot row after the customer header');
  if (nodes.length === 1) fail(columnHeader.no, 'no customer rows after the depot');

  const [depot, ...customers] = nodes;
  return { name, vehicles, capacity, depot, customers };
}
