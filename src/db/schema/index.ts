export * from './workspaces.table.js';
export * from './teams.table.js';
export * from './people.table.js';
export * from './tasks.table.js';
export * from './jobs.table.js';
export * from './deliveries.table.js';
export * from './inbound-events.table.js';
export * from './followups.table.js';
