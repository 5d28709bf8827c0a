// Catalog entries of the standups module (kept apart so that module owns its sentences).
export const standupsEn = {} as const;

export const standupsNl: Record<keyof typeof standupsEn, string> = {};
