/**
 * What a queued message says about itself, so the outbox can apply one discipline to all of them
 * (src/core/notices.ts): re-checked when due, held for the recipient's working time, one per subject per window.
 * Kept apart, with no imports, because the database schema stores it.
 */

/** A named re-check and its arguments, run when the message is due (`defineNoticeCheck`). */
export interface NoticeCheckSpec {
  name: string;
  args: Record<string, unknown>;
}

export interface NoticeMeta {
  /** The team whose settings apply (window, working days) and whose member the recipient is. */
  teamId: number;
  /** What the message is about (`task:12`, `followup:3`, `standup-answer:8`); the window is per subject and recipient. */
  subject: string;
  /**
   * `news`: someone did something (an assignment, an answer); it always goes, once it is still true.
   * `nudge`: the bot's own reminder or escalation; it gives way to any other message on its subject within the window.
   */
  nature: 'news' | 'nudge';
  /** Among nudges on one subject within one window, the highest goes (a later rung ranks higher). */
  rank?: number;
  /** Goes at once, whatever the recipient's hours (a task marked !urgent, a blocker the team chose to hear at once). */
  urgent?: boolean;
  /** Re-read at send time; without one, only the recipient's hours and the window apply. */
  check?: NoticeCheckSpec;
}
