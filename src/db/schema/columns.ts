import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is stored as timestamptz and read as a Date (UTC); zones live in their own columns. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => instant('created_at').notNull().defaultNow();
