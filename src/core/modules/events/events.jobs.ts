import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/**
 * Brings the platform's event of one mirror in line with version `version` of its desired state
 * (`events.mirror:<mirrorId>:v<version>`, a recheck adds `:recheck:<when>`). A job for an older version
 * than the row's does nothing: the newer one is on its way. Late after downtime it still runs, once.
 */
export const eventMirrorJob = declareJob({
  kind: 'events.mirror',
  payload: z.object({ mirrorId: z.number().int().positive(), version: z.number().int().positive() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

export const mirrorJobKey = (mirrorId: number, version: number) => `events.mirror:${mirrorId}:v${version}`;
