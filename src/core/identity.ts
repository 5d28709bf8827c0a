import type { absences, memberships, people, teams, workspaces } from '../db/schema/index.js';

/**
 * Who is who: the rows every module reads (derived from the drizzle schema) and the roles a person has in a
 * team. It sits below everything else in the core and imports nothing of it, so any file may use it.
 */
export type Role = (typeof memberships.$inferSelect)['role'];
export const ROLES: readonly Role[] = ['manager', 'member', 'owner'];

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type AbsenceRow = typeof absences.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
export type TeamMember = { person: PersonRow; role: Role };
