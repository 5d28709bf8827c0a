/** `db.execute` returns an array on postgres.js and `{ rows }` on PGlite; raw SQL callers use this. */
export const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
