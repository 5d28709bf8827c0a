import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import type { Message } from '../../messages.js';
import type { ChartRenderer } from '../../ports.js';
import { digestChartFile } from './digests.chart.js';
import { digestData, isQuiet } from './digests.data.js';
import { digestMessage } from './digests.messages.js';

export interface BuiltDigest {
  message: Message;
  /** Nothing to report: the message is the short, friendly one. */
  empty: boolean;
}

/**
 * One team's weekly digest for the moment `at`, as it posts (or previews): the text, and the chart as the
 * message's picture when a renderer is given and a headline has a trend. Reads only; sends nothing.
 */
export const buildDigest = async ({ db, team, at, charts, note = null }: { db: Db; team: TeamRow; at: Date; charts: ChartRenderer | null; note?: { person: string; text: string } | null }): Promise<BuiltDigest> => {
  const data = await digestData({ db, team, at });
  const empty = isQuiet(data);
  const chart = charts && !empty ? await digestChartFile({ data, charts }) : null;
  const message = digestMessage({ data, note, chart: chart !== null });
  return { message: chart ? { ...message, files: [chart.file], image: { file: chart.file.name, alt: chart.alt } } : message, empty };
};
