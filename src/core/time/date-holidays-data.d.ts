// date-holidays exports its raw data set as `date-holidays/data` (see its package.json "exports") but ships
// no types for it; only the parts the zone names read are declared.
declare module 'date-holidays/data' {
  export const data: {
    holidays: Record<string, { names?: Record<string, string>; zones?: string[] }>;
  };
}
