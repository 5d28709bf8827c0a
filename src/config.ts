import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Righthand reads, with its rule. The README's configuration table mirrors this. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATA_DIR: z.string().trim().min(1, { message: 'must not be empty' }).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  TICK_SECONDS: z.coerce
    .number({ message: 'must be a whole number of seconds from 1 to 30' })
    .int({ message: 'must be a whole number of seconds from 1 to 30' })
    .min(1, { message: 'must be a whole number of seconds from 1 to 30' })
    .max(30, { message: 'must be a whole number of seconds from 1 to 30' })
    .default(5),
});

export type Config = {
  databaseUrl: string | null;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number] | null;
  tickSeconds: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment. Empty strings count as unset (a blank line in an .env file), and an error names
 * the variable and the rule, never the value: some values are secrets.
 */
export const loadConfig = (env: NodeJS.ProcessEnv): Config => {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${String(issue.path[0])} ${issue.message}.`);
  }
  const value = parsed.data;
  return { databaseUrl: value.DATABASE_URL ?? null, dataDir: value.DATA_DIR, logLevel: value.LOG_LEVEL ?? null, tickSeconds: value.TICK_SECONDS };
};
