import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column = any(ids)` with the ids as one text parameter. `inArray` writes one placeholder per id, so every
 * batch size is a new statement for the driver to prepare and keep; this text is the same for all of them.
 */
export const idIn = (column: AnyColumn, ids: readonly number[]): SQL => sql`${column} = any(string_to_array(${ids.join(',')}, ',')::bigint[])`;
