import { crossExchangeOperator } from './cross-exchange.ts';
import type { Operator } from './operator.ts';
import { relocateOperator } from './relocate.ts';
import { twoOptStar } from './two-opt-star.ts';

/** The local-search neighbourhoods, cheapest first. */
export const OPERATORS: readonly Operator[] = [
  relocateOperator(1),
  crossExchangeOperator(1, 1),
  twoOptStar,
  relocateOperator(2),
  relocateOperator(3),
  crossExchangeOperator(2, 1),
  crossExchangeOperator(1, 2),
  crossExchangeOperator(2, 2),
];
