import { describe, expect, it } from 'vitest';
import { MAX_ROW_ID, readRowId } from './row-id.js';

describe('readRowId', () => {
  it('reads the ids a serial column holds', () => {
    expect(readRowId('1')).toBe(1);
    expect(readRowId('42')).toBe(42);
    expect(readRowId(String(MAX_ROW_ID))).toBe(MAX_ROW_ID);
  });

  it('names no row for anything beyond int4 or not plainly a positive whole number', () => {
    for (const value of ['99999999999999999999', '2147483648', '9999999999', '0', '-1', '1.0', '1e3', '0x10', ' 1', '1 ', '', 'one', '١٢']) expect(readRowId(value)).toBeNull();
  });
});
