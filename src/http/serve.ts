import type { Config } from '../config.js';

/**
 * Whether this process runs the HTTP server, on which port: with Slack (its events and install pages), and
 * in every mode with PUBLIC_URL (the calendar feeds), so Discord alone and the console serve feeds too.
 */
export const httpPortOf = (config: Pick<Config, 'slack' | 'publicUrl' | 'port'>): number | null => (config.slack || config.publicUrl ? config.port : null);
