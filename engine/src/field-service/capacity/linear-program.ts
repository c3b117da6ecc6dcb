/**
 * The capacity layer's linear programs, built by name and solved by
 * javascript-lp-solver (a dense-tableau simplex: fine up to a few thousand
 * variables, see benchmarks/capacity). Only continuous LPs are solved here:
 * the library reads a clock and random numbers for its MIP time-out and for
 * an objective named like a constraint, neither of which happens here (the
 * objective's name is reserved), so a solve is pure and deterministic.
 */
import lpSolver from 'javascript-lp-solver';
import { EngineError } from '../../errors.ts';
import { StatusCode } from '../../types.ts';
import type { LpModelSize } from '../types.ts';

/**
 * The package ships ESM at run time (its default export is the solver) but
 * types that TypeScript's NodeNext resolution reads as CommonJS (the solver
 * under `.default`): take whichever holds `Solve`.
 */
type SolverApi = typeof lpSolver.default;
const solver: SolverApi = 'Solve' in lpSolver ? (lpSolver as unknown as SolverApi) : lpSolver.default;

/** Reserved name of the objective among a variable's coefficients. */
const OBJECTIVE = '__objective';

export interface LpBounds {
  readonly max?: number;
  readonly min?: number;
  readonly equal?: number;
}

export class LinearProgram {
  private readonly constraints: Record<string, LpBounds> = {};
  private readonly variables: Record<string, Record<string, number>> = {};
  private nVariables = 0;
  private nConstraints = 0;

  constructor(private readonly sense: 'max' | 'min') {}

  /** Declares a row; its name must be new. */
  constraint(name: string, bounds: LpBounds): void {
    if (name === OBJECTIVE || name in this.constraints) throw new EngineError(StatusCode.internal, `LP row ${name} declared twice`);
    this.constraints[name] = bounds;
    this.nConstraints++;
  }

  hasConstraint(name: string): boolean {
    return name in this.constraints;
  }

  /** A non-negative variable with its objective coefficient and its coefficients in rows (rows may be declared later). */
  variable(name: string, objective: number, rows: Readonly<Record<string, number>>): void {
    if (name in this.variables) throw new EngineError(StatusCode.internal, `LP variable ${name} declared twice`);
    this.variables[name] = { ...rows, ...(objective !== 0 ? { [OBJECTIVE]: objective } : {}) };
    this.nVariables++;
  }

  /** Adds the row `variable ≥ min` (a variable fixed from below, as when rounding an LP's answer up step by step). */
  atLeast(variable: string, min: number): void {
    const coefficients = this.variables[variable];
    if (!coefficients) throw new EngineError(StatusCode.internal, `LP variable ${variable} unknown`);
    const row = `min:${variable}`;
    if (row in this.constraints) this.constraints[row] = { min };
    else this.constraint(row, { min });
    coefficients[row] = 1;
  }

  get size(): { variables: number; constraints: number } {
    return { variables: this.nVariables, constraints: this.nConstraints };
  }

  /** The optimum and each non-zero variable's value; throws when infeasible or unbounded (the models here never are). */
  solve(): { objective: number; values: ReadonlyMap<string, number> } {
    if (this.nVariables === 0) return { objective: 0, values: new Map() };
    // Without `full`, Solve answers the simplified result: feasibility, optimum and the variables' values.
    const result = solver.Solve({ optimize: OBJECTIVE, opType: this.sense, constraints: this.constraints, variables: this.variables }) as {
      feasible: boolean;
      result: number;
      bounded?: boolean;
    };
    if (!result.feasible || result.bounded === false) {
      throw new EngineError(StatusCode.internal, `capacity LP ${result.feasible ? 'unbounded' : 'infeasible'}`);
    }
    const values = new Map<string, number>();
    for (const name of Object.keys(this.variables)) {
      const v = (result as unknown as Record<string, unknown>)[name];
      if (typeof v === 'number' && v !== 0) values.set(name, v);
    }
    return { objective: result.result, values };
  }
}

export function modelSize(lp: LinearProgram, visitClasses: number, technicianDayClasses: number): LpModelSize {
  return { visitClasses, technicianDayClasses, ...lp.size };
}
