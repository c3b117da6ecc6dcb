// What an import refuses as a whole (as opposed to the lines it refuses one by one).

/** The batch is not in a state that allows this (a second import of the same batch, an undo of a dry run): 409. */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
}

/** The mapping does not fit the file or the kind: 422, naming the column. */
export class ImportMappingError extends Error {
  override readonly name = 'ImportMappingError';
  constructor(readonly problems: readonly { path: string; message: string }[]) {
    super(`the column mapping cannot be used: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}
