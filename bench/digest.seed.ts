import type postgres from 'postgres';

/**
 * The digest bench's data: TEAMS teams of 15 people with a year of history up to the digest's Monday, set-based
 * (one INSERT ... SELECT per table, generate_series for the days): the rows are the workload, building them
 * in JavaScript is not. Values come from hashtext() of the row's key, so two runs seed the same rows.
 *
 * Per team: person 0 is the manager, 1-13 members, 14 the client owner. On each working day 10 tasks
 * (1 in 9 without a deadline; due 1-5 days later; done 0-4 days after creation, so about 70% on time; 2%
 * cancelled, 1% forgotten and overdue for weeks, 30% of the last 10 days' still open), each with its
 * 'created' and 'done' or 'cancelled' event. A daily standup for 0-13 with ~12 answers a day, 1 in 25 naming
 * a blocker (half of those older than two weeks made a task). A weekly class on Wednesdays with ~10 marked
 * attended or no-show; 3-5 weekly metrics with a value most weeks; 40 calendar entries (one in the coming
 * week), 2 projects, 20 follow-ups (some waiting on the owner).
 */

/** The digest's Monday; every team's digest is at 09:00 on it in the team's zone. */
export const DIGEST_DATE = '2026-11-30';
export const DIGEST_MINUTES = 9 * 60;
export const ZONES = ['Europe/Amsterdam', 'America/New_York', 'Asia/Manila', 'Australia/Sydney'];
const NAMES = ['Olivia', 'Maria', 'Jo', 'Sam', 'Priya', 'Lucas', 'Ana', 'Tom', 'Mei', 'Ravi', 'Sofia', 'Ben', 'Nina', 'Omar', 'Bea'];
const TITLES = [
  'Write the launch email', 'Book the podcast guest', 'Update the sales page', 'Fix the checkout', 'Draft the newsletter',
  'Schedule the webinar', 'Reply to the partner', 'Prepare the ad set', 'Edit the course video', 'Check the funnel stats',
  'Send the invoice', 'Clean up the CRM', 'Plan next week', 'Review the landing page', 'Record the intro',
  'Onboard the new VA', 'Answer support tickets', 'Post on LinkedIn', 'Update the FAQ', 'Test the upsell',
];
const BLOCKERS = ['No access to Shopify', 'Waiting for the copy', 'Stripe keeps failing', 'Need the brand assets', 'Client has not answered', 'Zapier is down'];
const QUESTIONS = [{ text: 'What did you do yesterday?', kind: 'text' }, { text: 'What will you do today?', kind: 'text' }, { text: 'Anything blocking you?', kind: 'text', blocker: true }];

const literal = (values: readonly string[]) => `array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * The statements, in order. `$1` is the digest date. bench_teams and bench_people map each team's index and
 * person's role to ids for the statements after them; they are dropped at the end.
 */
const statements = (teams: number): [string, string][] => [
  ['workspace', `insert into workspaces (platform, external_id, name) values ('console', 'digest-bench', 'Digest bench')`],
  ['teams', `insert into teams (workspace_id, channel_id, client_name, zone, locale, created_at)
    select (select id from workspaces), 'c' || t, 'Client ' || t, (${literal(ZONES)})[1 + t % ${ZONES.length}], case when t % 5 = 4 then 'nl' else 'en' end, $1::date - 400
    from generate_series(0, ${teams - 1}) as t`],
  ['people', `insert into people (workspace_id, platform_user_id, display_name, created_at)
    select (select id from workspaces), 'u' || t || '-' || i, (${literal(NAMES)})[1 + i], $1::date - 400
    from generate_series(0, ${teams - 1}) as t cross join generate_series(0, 14) as i`],
  ['bench_teams', `create table bench_teams as
    select tm.id, substr(tm.channel_id, 2)::int as t, tm.zone, ($1::date + time '09:00') at time zone tm.zone as at,
      (select id from people where platform_user_id = 'u' || substr(tm.channel_id, 2) || '-0') as manager_id
    from teams tm`],
  ['bench_people', `create table bench_people as
    select tm.id as team_id, split_part(p.platform_user_id, '-', 2)::int as i, p.id as person_id
    from people p join bench_teams tm on tm.t = split_part(substr(p.platform_user_id, 2), '-', 1)::int`],
  ['memberships', `insert into memberships (team_id, person_id, role, created_at)
    select team_id, person_id, case i when 0 then 'manager' when 14 then 'owner' else 'member' end, $1::date - 400 from bench_people`],
  ['tasks', `insert into tasks (team_id, number, title, creator_id, due_at, priority, status, completed_at, created_at, updated_at)
    select team_id, row_number() over (partition by team_id order by created_at, k), title, manager_id, due_at, priority, status,
      case when status = 'done' then finish end, created_at,
      case status when 'done' then finish when 'cancelled' then created_at + interval '2 days' else created_at end
    from (
      select tm.id as team_id, tm.manager_id, k, c.created_at, f.due_at, f.finish,
        (${literal(TITLES)})[1 + x.h % ${TITLES.length}] as title,
        case x.h % 10 when 0 then 'high' when 1 then 'urgent' when 9 then 'low' else 'normal' end as priority,
        case when x.h % 100 < 2 then 'cancelled' when x.h % 100 = 2 then 'open' when f.finish >= tm.at then 'open'
          when d.day >= $1::date - 10 and x.h % 100 < 30 then 'open' else 'done' end as status
      from bench_teams tm
      cross join generate_series(1, 365) as n
      cross join lateral (select $1::date - n as day) d
      cross join generate_series(0, 9) as k
      cross join lateral (select abs(hashtext(tm.id || ':' || d.day || ':' || k)) as h) x
      cross join lateral (select (d.day + time '08:30' + k * interval '41 minutes') at time zone tm.zone as created_at) c
      cross join lateral (select case when x.h % 9 = 0 then null else c.created_at + (1 + x.h % 5) * interval '1 day' end as due_at,
        c.created_at + ((x.h / 100) % 1000) * interval '1 day' * 0.004 as finish) f
      where extract(isodow from d.day) < 6
    ) as rows`],
  ['last_task_number', `update teams set last_task_number = (select max(number) from tasks where tasks.team_id = teams.id)`],
  ['task_assignees', `insert into task_assignees (task_id, person_id)
    select t.id, p.person_id from tasks t cross join lateral (select abs(hashtext('a' || t.id)) as h) x
      join bench_people p on p.team_id = t.team_id and p.i = case when x.h % 40 = 0 then 14 else 1 + x.h % 13 end
    union
    select t.id, p.person_id from tasks t cross join lateral (select abs(hashtext('a' || t.id)) as h) x
      join bench_people p on p.team_id = t.team_id and p.i = 1 + (x.h / 40) % 13
    where x.h % 6 = 0`],
  ['task_events', `insert into task_events (task_id, actor_id, kind, data, at)
    select id, creator_id, 'created', '{}'::jsonb, created_at from tasks
    union all
    select id, (select min(person_id) from task_assignees a where a.task_id = tasks.id), 'done', '{}'::jsonb, completed_at from tasks where status = 'done'
    union all
    select id, creator_id, 'cancelled', '{}'::jsonb, updated_at from tasks where status = 'cancelled'`],
  ['standups', `insert into standups (team_id, number, name, time, deadline, questions, created_by, created_at, updated_at)
    select id, 1, 'Daily', 540, 720, '${JSON.stringify(QUESTIONS)}'::jsonb, manager_id, $1::date - 400, $1::date - 400 from bench_teams`],
  ['standup_runs', `insert into standup_runs (standup_id, local_date, reported_at, created_at)
    select s.id, d.day, (d.day + time '12:00') at time zone tm.zone, (d.day + time '09:00') at time zone tm.zone
    from standups s join bench_teams tm on tm.id = s.team_id
    cross join generate_series(1, 365) as n cross join lateral (select $1::date - n as day) d
    where extract(isodow from d.day) < 6`],
  // A run's working-day index j matches the day's tasks: numbers 10j+1..10j+10 (the blocker made a task).
  ['standup_answers', `insert into standup_answers (run_id, person_id, status, away_reason, questions, answers, deadline_at, asked_at, submitted_at, late, blocker, blocker_task_id, created_at, updated_at)
    select r.id, p.person_id, st.status, case when st.status = 'away' then 'absent' end, s.questions,
      case when st.status = 'answered' then '["Finished yesterday''s tasks", "The next ones on my list", "-"]'::jsonb else '[]'::jsonb end,
      (r.local_date + time '12:00') at time zone tm.zone, (r.local_date + time '09:00') at time zone tm.zone,
      case when st.status = 'answered' then (r.local_date + time '09:00') at time zone tm.zone + (x.h % 200) * interval '1 minute' end,
      st.status = 'answered' and x.h % 200 >= 180, b.blocker,
      case when b.blocker is not null and r.local_date < $1::date - 14 and (x.h / 2500) % 2 = 0
        then (select id from tasks where team_id = s.team_id and number = r.j * 10 + 1 + x.h % 10) end,
      (r.local_date + time '09:00') at time zone tm.zone, (r.local_date + time '09:00') at time zone tm.zone
    from (select *, row_number() over (partition by standup_id order by local_date) - 1 as j from standup_runs) r
    join standups s on s.id = r.standup_id
    join bench_teams tm on tm.id = s.team_id
    join bench_people p on p.team_id = s.team_id and p.i < 14
    cross join lateral (select abs(hashtext(r.id || ':' || p.person_id)) as h) x
    cross join lateral (select case when x.h % 100 < 86 then 'answered' when x.h % 100 < 94 then 'missed' when x.h % 100 < 97 then 'skipped' else 'away' end as status) st
    cross join lateral (select case when st.status = 'answered' and (x.h / 100) % 25 = 0 then (${literal(BLOCKERS)})[1 + x.h % ${BLOCKERS.length}] end as blocker) b`],
  ['trainings', `insert into trainings (team_id, number, title, creator_id, duration_minutes, everyone, recurrence, created_at)
    select id, 1, 'Weekly skills session', manager_id, 60, true, '{"unit":"week","interval":1,"weekdays":[3]}'::jsonb, $1::date - 400 from bench_teams`],
  ['training_settings', `insert into training_settings (team_id, last_number) select id, 1 from bench_teams`],
  // Wednesdays 15:00 from 51 weeks back to the one after the digest (scheduled, in its next 7 days).
  ['training_occurrences', `insert into training_occurrences (training_id, seq, starts_at, planned_at, title, duration_minutes, status)
    select tr.id, n + 1, o.starts_at, o.starts_at, tr.title, 60, case when n % 17 = 16 then 'cancelled' else 'scheduled' end
    from trainings tr join bench_teams tm on tm.id = tr.team_id cross join generate_series(0, 52) as n
    cross join lateral (select ($1::date - 362 + 7 * n + time '15:00') at time zone tm.zone as starts_at) o`],
  ['training_attendance', `insert into training_attendance (occurrence_id, person_id, attended, source, marked_at)
    select o.id, p.person_id, x.h % 100 < 85, case when x.h % 100 < 85 then 'self' else 'no_show' end, o.starts_at + interval '1 hour'
    from training_occurrences o join trainings tr on tr.id = o.training_id join bench_teams tm on tm.id = tr.team_id
    join bench_people p on p.team_id = tr.team_id and p.i between 1 and 13
    cross join lateral (select abs(hashtext(o.id || '/' || p.person_id)) as h) x
    where o.starts_at < tm.at and o.status = 'scheduled' and (x.h / 100) % 100 < 77`],
  ['metrics', `insert into metrics (team_id, name, unit, target, direction, cadence, owner_id, created_by, created_at)
    select tm.id, m.name, m.unit, m.target, m.direction, 'weekly', tm.manager_id, tm.manager_id, $1::date - 400 + m.n * interval '1 minute'
    from bench_teams tm cross join (values (1, 'Revenue', '€', 10000::float8, 'higher'), (2, 'Leads', null, null, 'higher'), (3, 'Refunds', '€', null, 'lower'),
      (4, 'List size', null, 5000, 'higher'), (5, 'Ad spend', '€', null, 'lower')) as m(n, name, unit, target, direction)
    where m.n <= 3 + tm.t % 3`],
  // Mondays from 52 weeks back to the week the digest reports; 1 in 20 weeks nobody logged.
  ['metric_values', `insert into metric_values (metric_id, period, value, logged_by, logged_at)
    select m.id, to_char(w.monday, 'IYYY-"W"IW'), round(b.base * (1 + 0.25 * sin(n / 3.0 + m.id)) + x.h % 50), tm.manager_id, (w.monday + 7 + time '10:00') at time zone tm.zone
    from metrics m join bench_teams tm on tm.id = m.team_id cross join generate_series(0, 51) as n
    cross join lateral (select $1::date - 364 + 7 * n as monday) w
    cross join lateral (select abs(hashtext(m.id || '#' || n)) as h) x
    cross join lateral (select case m.name when 'Revenue' then 8000 when 'Leads' then 40 when 'Refunds' then 300 when 'List size' then 4000 else 1200 end as base) b
    where x.h % 20 <> 0`],
  ['calendar_entries', `insert into calendar_entries (team_id, number, title, kind, all_day, local_date, starts_at, zone, owner_id, creator_id, status, version)
    select tm.id, n + 1, (array['Black Friday sale', 'Course launch', 'Webinar', 'Podcast episode', 'Price change', 'Team offsite'])[1 + n % 6],
      (array['promo', 'launch', 'event', 'campaign', 'other', 'milestone'])[1 + n % 6], n % 4 = 0, case when n % 4 = 0 then d.day end,
      case when n % 4 = 0 then d.day::timestamp at time zone tm.zone else (d.day + time '10:00') at time zone tm.zone end,
      tm.zone, tm.manager_id, tm.manager_id, case when n % 9 = 8 then 'removed' else 'active' end, case when n % 9 = 8 then 2 else 1 end
    from bench_teams tm cross join generate_series(0, 39) as n cross join lateral (select $1::date - 350 + n * 9 + tm.t % 5 as day) d`],
  ['projects', `insert into projects (team_id, name, due_at)
    select tm.id, p.name, ($1::date + p.days + tm.t % 10 + time '17:00') at time zone tm.zone
    from bench_teams tm cross join (values ('Website relaunch', 0), ('Spring campaign', 60)) as p(name, days)`],
  ['followups', `insert into followups (team_id, number, requester_id, person_id, what, ask_at, status, times_asked, answered_at)
    select tm.id, n + 1, tm.manager_id, p.person_id, 'Did you send the proposal?', f.ask_at, f.status, case when f.status = 'scheduled' then 0 else 1 end,
      case when f.status = 'done' then f.ask_at + interval '3 hours' end
    from bench_teams tm cross join generate_series(0, 19) as n
    join bench_people p on p.team_id = tm.id and p.i = case when n % 5 = 4 then 14 else 1 + n % 13 end
    cross join lateral (select tm.at - (20 - n) * interval '9 days' as ask_at,
      case n when 14 then 'unanswered' when 18 then 'unanswered' when 19 then 'asked' else 'done' end as status) f`],
  ['last_followup_number', `update teams set last_followup_number = 20`],
  ['cleanup', `drop table bench_people; drop table bench_teams`],
];

export const SEEDED_TABLES = [
  'teams', 'people', 'memberships', 'tasks', 'task_assignees', 'task_events', 'standups', 'standup_runs', 'standup_answers',
  'trainings', 'training_occurrences', 'training_attendance', 'metrics', 'metric_values', 'calendar_entries', 'projects', 'followups',
] as const;

/** Seeds a fresh, migrated database; returns each table's row count. */
export const seedDigestBench = async (pg: postgres.Sql, teams: number): Promise<Record<string, number>> => {
  for (const [name, text] of statements(teams)) {
    const started = performance.now();
    if (name === 'cleanup') await pg.unsafe(text);
    else await pg.unsafe(text, text.includes('$1') ? [DIGEST_DATE] : []);
    if (process.env.RIGHTHAND_DIGEST_BENCH_VERBOSE) console.log(`  ${name}: ${Math.round(performance.now() - started)} ms`);
  }
  // A year of rows in a live database has long been vacuumed: hint bits set, pages all-visible (index-only
  // scans work). Without this the first pass over them would pay for setting the hint bits.
  await pg.unsafe('vacuum (analyze)');
  const counts: Record<string, number> = {};
  for (const table of SEEDED_TABLES) counts[table] = Number((await pg.unsafe(`select count(*)::int as n from ${table}`))[0]!.n);
  return counts;
};
