import type postgres from 'postgres';
import type { DigestData } from '../src/core/modules/digests/digests.data.js';
import { MAX_TEAM_HEADLINES } from '../src/core/modules/digests/digests.headlines.js';
import { DIGEST_ROWS } from '../src/core/modules/digests/digests.queries.js';
import type { Period } from '../src/core/modules/metrics/metrics.periods.js';

/**
 * The floor of the digest bench: one hand-written statement per team that computes the numbers a digest
 * shows, on the same tables and indexes as the product: the 8-week series of every built-in and of the team's
 * own metrics (this week against last is the series' last two points), done per person, overdue with
 * assignees, open blockers, the next 7 days (deadlines, classes, calendar, projects) and what waits on the
 * owners. The week bounds come from the same period code as the product (the bounds are not the work); the
 * seeded metrics are all weekly, so the floor reads every metric over the digest's 8 weeks.
 */
const FLOOR = `
with w as (
  select i::int, f, t, s, e, k, least(t, $2::timestamptz) as m
  from unnest($3::timestamptz[], $4::timestamptz[], $5::date[], $6::date[], $7::text[]) with ordinality as u(f, t, s, e, k, i)
),
span as (select min(f) as f, min(m) as m0, min(s) as s, max(e) as e from w),
-- One pass over the team's tasks that any of the 8 weeks can see: open, or closed or created since the first.
tk as (
  select t.status, t.created_at, t.due_at, t.completed_at, case t.status when 'open' then null when 'done' then t.completed_at else t.updated_at end as closed
  from tasks t, span
  where t.team_id = $1 and (t.status = 'open' or t.completed_at >= span.f or t.updated_at >= span.m0 or t.created_at >= span.f)
),
tw as (
  select w.i,
    count(*) filter (where tk.status = 'done' and tk.completed_at >= w.f and tk.completed_at < w.t) as done,
    count(*) filter (where tk.created_at >= w.f and tk.created_at < w.t) as created,
    count(*) filter (where tk.due_at < w.m and tk.created_at < w.m and (tk.closed is null or tk.closed >= w.m)) as overdue,
    count(*) filter (where tk.status = 'done' and tk.due_at is not null and tk.completed_at >= w.f and tk.completed_at < w.t) as due_done,
    count(*) filter (where tk.status = 'done' and tk.due_at is not null and tk.completed_at >= w.f and tk.completed_at < w.t and tk.completed_at <= tk.due_at) as on_time
  from w cross join tk group by w.i
),
-- The team's standups' answers of the 8 weeks (standup -> runs by date -> answers, all by index).
aw as (
  select w.i, count(*) filter (where a.status in ('answered', 'missed')) as due, count(*) filter (where a.status = 'answered') as answered,
    count(*) filter (where a.status = 'answered' and a.blocker is not null) as raised
  from span join standups s on s.team_id = $1 join standup_runs r on r.standup_id = s.id and r.local_date between span.s and span.e
  join standup_answers a on a.run_id = r.id join w on r.local_date between w.s and w.e group by w.i
),
-- Blockers made a task: of all the team's answers (no index leads from a task to the answer that made it).
rw as (
  select w.i, count(*) as resolved
  from standups s join standup_runs r on r.standup_id = s.id join standup_answers a on a.run_id = r.id and a.blocker is not null and a.blocker_task_id is not null
  join tasks t on t.id = a.blocker_task_id and t.team_id = $1 and t.status = 'done' and t.team_id = $1 and t.status = 'done'
  join w on t.completed_at >= w.f and t.completed_at < w.t where s.team_id = $1 group by w.i
),
cw as (
  select w.i, count(*) as known, count(*) filter (where ta.attended) as came, count(*) filter (where not ta.attended) as no_shows
  from w join training_occurrences o on o.starts_at >= w.f and o.starts_at < w.t
  join trainings tr on tr.id = o.training_id and tr.team_id = $1
  join training_attendance ta on ta.occurrence_id = o.id group by w.i
),
ow as (
  select w.i, count(*) as due, count(*) filter (where t.status = 'done' and t.completed_at < w.t) as done
  from w join onboarding_items oi on oi.team_id = $1 and oi.due_at < w.t join tasks t on t.id = oi.task_id and t.status <> 'cancelled' group by w.i
),
builtins as (
  select w.i, coalesce(tw.done, 0) as tasks_done, coalesce(tw.created, 0) as tasks_created, coalesce(tw.overdue, 0) as overdue_now,
    round(1000.0 * tw.on_time / nullif(tw.due_done, 0)) / 10 as on_time_rate,
    round(1000.0 * aw.answered / nullif(aw.due, 0)) / 10 as standup_participation,
    coalesce(aw.raised, 0) as blockers_raised, coalesce(rw.resolved, 0) as blockers_resolved,
    round(1000.0 * cw.came / nullif(cw.known, 0)) / 10 as training_attendance, coalesce(cw.no_shows, 0) as training_no_shows,
    round(1000.0 * ow.done / nullif(ow.due, 0)) / 10 as onboarding_progress
  from w left join tw using (i) left join aw using (i) left join rw using (i) left join cw using (i) left join ow using (i)
),
own as (select id, name, created_at from metrics where team_id = $1 and removed_at is null order by created_at, id limit ${MAX_TEAM_HEADLINES}),
own_series as (
  select own.name, own.created_at, own.id, json_agg(v.value order by w.i) as points
  from own cross join w left join metric_values v on v.metric_id = own.id and v.period = w.k group by own.id, own.name, own.created_at
),
-- Done in the reported week (the last of the 8), by its 'done' events; per assignee, else the actor. A task
-- done in the week has completed_at (its last done) at or after the week's start: only those have events to read.
dn as (
  select distinct on (t.id) t.id, t.number, e.actor_id
  from tasks t join task_events e on e.task_id = t.id, w
  where w.i = 8 and t.team_id = $1 and t.status = 'done' and t.completed_at >= w.f and e.kind = 'done' and e.at >= w.f and e.at < w.t
  order by t.id, e.at desc
),
dp as (
  select coalesce(pa.display_name, pe.display_name, '—') as person, count(*) as tasks
  from dn left join task_assignees ta on ta.task_id = dn.id left join people pa on pa.id = ta.person_id
  left join people pe on pe.id = dn.actor_id and ta.task_id is null group by 1
),
od as (select id, number, due_at from tasks where team_id = $1 and status = 'open' and due_at < $2 order by due_at, number limit 100),
-- Blockers named in a member's answer with no later answered one in that standup (anti-join, by index).
bl as (
  select a.id
  from standups s join memberships m on m.team_id = s.team_id
  join standup_answers a on a.person_id = m.person_id and a.status = 'answered' and a.blocker is not null and a.blocker_task_id is null
  join standup_runs r on r.id = a.run_id and r.standup_id = s.id
  where s.team_id = $1 and s.status <> 'removed' and not exists (
    select 1 from standup_runs lr join standup_answers la on la.run_id = lr.id and la.person_id = a.person_id and la.status = 'answered'
    where lr.standup_id = s.id and lr.local_date > r.local_date)
),
owners as (select person_id from memberships where team_id = $1 and role = 'owner')
select
  (select json_agg(b order by b.i) from builtins b) as builtins,
  (select json_agg(json_build_object('name', name, 'points', points) order by created_at, id) from own_series) as metrics,
  (select json_agg(json_build_object('person', person, 'tasks', tasks)) from dp) as done,
  (select count(*) from dn)::int as done_tasks,
  (select json_agg(json_build_object('number', od.number, 'assignees',
    (select json_agg(p.display_name order by p.id) from task_assignees ta join people p on p.id = ta.person_id where ta.task_id = od.id)) order by od.due_at, od.number) from od) as overdue,
  (select count(*) from bl)::int as blockers,
  (select count(*) from (select 1 from tasks where team_id = $1 and status = 'open' and due_at >= $2 and due_at < $8 limit ${DIGEST_ROWS}) d)::int as deadlines,
  (select count(*) from (select 1 from training_occurrences o join trainings tr on tr.id = o.training_id
    where tr.team_id = $1 and o.status = 'scheduled' and o.starts_at >= $2 and o.starts_at < $8 limit ${DIGEST_ROWS}) c)::int as classes,
  ((select count(*) from calendar_entries where team_id = $1 and status = 'active' and starts_at >= $2 and starts_at < $8)
    + (select count(*) from projects where team_id = $1 and due_at >= $2 and due_at < $8))::int as calendar,
  (select count(*) from (select distinct t.id from tasks t join task_assignees ta on ta.task_id = t.id
    where t.team_id = $1 and t.status = 'open' and ta.person_id in (select person_id from owners) limit ${DIGEST_ROWS}) n)::int as needs_tasks,
  (select count(*) from (select 1 from followups where team_id = $1 and status in ('asked', 'unanswered') and person_id in (select person_id from owners) limit ${DIGEST_ROWS}) q)::int as needs_questions
`;

export interface FloorRow {
  builtins: Record<string, number | null>[];
  metrics: { name: string; points: (number | null)[] }[] | null;
  done: { person: string; tasks: number }[] | null;
  done_tasks: number;
  overdue: { number: number; assignees: string[] | null }[] | null;
  blockers: number;
  deadlines: number;
  classes: number;
  calendar: number;
  needs_tasks: number;
  needs_questions: number;
}

// A PostgreSQL array literal: instants, dates and period keys hold no commas, quotes or braces.
const array = (values: string[]) => `{${values.join(',')}}`;

/** The floor's statement and parameters for one team's digest at `at`, whose reported week and 7 weeks before are `weeks`. */
export const floorStatement = ({ teamId, at, weeks }: { teamId: number; at: Date; weeks: Period[] }): { text: string; params: (string | number)[] } => ({
  text: FLOOR,
  params: [
    teamId,
    at.toISOString(),
    array(weeks.map((week) => week.from.toISOString())),
    array(weeks.map((week) => week.to.toISOString())),
    array(weeks.map((week) => week.start)),
    array(weeks.map((week) => week.end)),
    array(weeks.map((week) => week.key)),
    new Date(at.getTime() + 7 * 24 * 60 * 60_000).toISOString(),
  ],
});

/** The floor's numbers for one team's digest: one round trip. */
export const floorDigest = async (pg: postgres.Sql, team: { teamId: number; at: Date; weeks: Period[] }): Promise<FloorRow> => {
  const { text, params } = floorStatement(team);
  const [row] = await pg.unsafe(text, params);
  return row as unknown as FloorRow;
};

/** The floor's column per built-in key. */
const COLUMN: Record<string, string> = {
  'tasks-done': 'tasks_done', 'tasks-created': 'tasks_created', 'overdue-now': 'overdue_now', 'on-time-rate': 'on_time_rate',
  'standup-participation': 'standup_participation', 'blockers-raised': 'blockers_raised', 'blockers-resolved': 'blockers_resolved',
  'training-attendance': 'training_attendance', 'training-no-shows': 'training_no_shows', 'onboarding-progress': 'onboarding_progress',
};

const same = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined ? a === (b ?? null) : Math.abs(a - Number(b)) < 0.11);

/**
 * Where the product's digest data and the floor's numbers differ for one team, as lines (none: they agree).
 * Every headline's 8 points, the number of tasks done and of each list.
 */
export const disagreements = (data: DigestData, floor: FloorRow): string[] => {
  const out: string[] = [];
  const check = (what: string, product: unknown, ours: unknown) => {
    if (JSON.stringify(product) !== JSON.stringify(ours)) out.push(`${what}: product ${JSON.stringify(product)}, floor ${JSON.stringify(ours)}`);
  };
  const customs = floor.metrics ?? [];
  for (const headline of data.headlines) {
    const points = headline.series.points.map((point) => point.value);
    const key = headline.series.builtinKey;
    const ours = key ? floor.builtins.map((week) => (week[COLUMN[key]!] === null ? null : Number(week[COLUMN[key]!]))) : customs.find((metric) => metric.name === headline.series.name)?.points;
    if (!ours || points.length !== ours.length || points.some((value, index) => !same(value, ours[index]))) out.push(`${key ?? headline.series.name}: product ${JSON.stringify(points)}, floor ${JSON.stringify(ours)}`);
  }
  // Built-ins the product leaves out have nothing in either of the last two weeks on the floor too.
  for (const [key, column] of Object.entries(COLUMN)) {
    if (data.headlines.some((headline) => headline.series.builtinKey === key)) continue;
    const last = floor.builtins.slice(-2).map((week) => week[column]);
    if (last.some((value) => value !== null)) out.push(`${key}: left out by the product, floor ${JSON.stringify(last)}`);
  }
  check('own metrics', data.headlines.filter((headline) => headline.series.builtinKey === null).length, customs.length);
  check('tasks done (list)', new Set(data.done.flatMap((row) => row.tasks.map((task) => task.number))).size, floor.done_tasks);
  check('done per person', Object.fromEntries(data.done.map((row) => [row.person, row.tasks.length]).sort()), Object.fromEntries((floor.done ?? []).map((row) => [row.person, Number(row.tasks)]).sort()));
  check('overdue', data.overdue.map((task) => [task.number, task.assignees]), (floor.overdue ?? []).map((task) => [task.number, task.assignees ?? []]));
  check('blockers', data.blockers.length, floor.blockers);
  check('deadlines', data.deadlines.length, floor.deadlines);
  check('classes', data.classes.length, floor.classes);
  check('calendar', data.calendar.length, floor.calendar);
  check('needs', [data.needs.tasks.length, data.needs.questions.length], [floor.needs_tasks, floor.needs_questions]);
  return out;
};
