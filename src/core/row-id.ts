/**
 * Row ids are PostgreSQL `serial` (int4): a button's value or a form's private value naming a row beyond it
 * (`99999999999999999999`, `2147483648`) names nothing, like a row that was deleted; sent to the database it
 * would fail the whole click ("out of range for type integer") instead of answering that it expired.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** The row id a value carries (decimal digits only), or null when it can name no row. */
export const readRowId = (value: string): number | null => {
  if (!/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && id <= MAX_ROW_ID ? id : null;
};
