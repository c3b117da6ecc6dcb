// Every kind of import file, by name.
import type { ImportKind } from '@tournee/contracts/import';
import { customers } from './customers.ts';
import { equipment } from './equipment.ts';
import type { KindDefinition } from './kind.ts';
import { parts } from './parts.ts';
import { sites } from './sites.ts';
import { suppliers } from './suppliers.ts';
import { contracts } from './contracts.ts';
import { interventions } from './interventions.ts';
import { servicePlans } from './service-plans.ts';
import { stockLevels } from './stock-levels.ts';
import { technicians } from './technicians.ts';

export const KINDS: Readonly<Record<ImportKind, KindDefinition>> = {
  customers,
  sites,
  equipment,
  suppliers,
  parts,
  stockLevels,
  technicians,
  contracts,
  servicePlans,
  interventions,
};
