import { z } from 'zod';
import { defineCommand, defineSubcommand, requireTeam, type BotModule, type TeamContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { compose, textMessage } from '../../messages.js';
import { formatInstant, parseDuration } from '../../time.js';
import { zoneOf, type View } from '../../view.js';
import { attendanceOf, getTrainingByNumber, latestOccurrence, inviteesOf, listOccurrences, rsvpsOf, updateSettings, type TrainingRow } from './trainings.repository.js';
import { pastOccurrenceOf, setAttendance, shareMaterials, shareRecording } from './trainings.after.js';
import { trainingActions } from './trainings.buttons.js';
import { trainingsHome } from './trainings.home.js';
import { addOptions, classNumber, classTitle, editOptions, EVERYONE_WORDS, parseAdd, scopeInput } from './trainings.inputs.js';
import { classCard, classLine, durationText, SCOPE_ACTIONS } from './trainings.messages.js';
import { trainingsNotices } from './trainings.notices.js';
import { cancelledText } from './trainings.replies.js';
import { replanTeamReminders } from './trainings.settings.js';
import { scheduleAndConfirm, withWarnings } from './trainings.add.js';
import { newClassForm, newClassSubcommand } from './trainings.forms.js';
import { cancelClass, editClass, moveClass, readLength, readLink, readMax, readStart, upcomingOf, type ClassChanges } from './trainings.usecases.js';

const viewOf = (ctx: TeamContext): View => ({ locale: ctx.team.locale, zone: zoneOf(ctx.actor, ctx.team), now: ctx.now });
const manager = { scope: 'team', role: 'manager' } as const;
const refOption = { name: 'number', kind: 'ref', required: true, description: 'Class number, e.g. 3' } as const;

const findClass = async (ctx: TeamContext, number: number): Promise<TrainingRow> => {
  const training = await getTrainingByNumber({ db: ctx.db, teamId: ctx.team.id, number });
  if (!training) throw botError('trainings.not_found', { number });
  return training;
};

const add = defineSubcommand({
  name: 'add',
  usage: 'add <title> <when> [for <duration>] [link <url>] [with @people … | with everyone] [max <n>] [every <repeat>] [sop <n>]',
  example: '/training add Onboarding call tuesday 15:00 for 90 minutes link https://meet.example.com/abc with @maria @jo max 10',
  description: 'trainings.add.desc',
  access: manager,
  options: addOptions,
  parse: parseAdd,
  input: z.object({
    title: classTitle,
    when: z.string({ error: 'trainings.when_required' }).trim().min(1, { error: 'trainings.when_required' }),
    length: z.string().optional(),
    link: z.string().optional(),
    invitees: z.array(z.string()).max(50).optional(),
    with: z.string().optional(),
    max: z.string().optional(),
    repeat: z.string().optional(),
    sop: z.string().trim().optional(),
  }),
  run: async (input, ctx) => scheduleAndConfirm(requireTeam(ctx), input),
});

const LIST_WORDS: Record<string, 'upcoming' | 'past'> = { upcoming: 'upcoming', next: 'upcoming', komend: 'upcoming', komende: 'upcoming', past: 'past', voorbij: 'past', afgelopen: 'past', eerder: 'past' };

const list = defineSubcommand({
  name: 'list',
  usage: 'list [upcoming|past]',
  example: '/training list',
  description: 'trainings.list.desc',
  access: { scope: 'team' },
  options: [{ name: 'when', kind: 'word', choices: ['upcoming', 'past'], description: 'upcoming (default) or past classes' }],
  input: z.object({ when: z.preprocess((value) => (typeof value === 'string' ? (LIST_WORDS[value.toLowerCase()] ?? value) : value), z.enum(['upcoming', 'past'], { error: 'trainings.bad_list' }).optional()) }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const when = input.when ?? 'upcoming';
    const rows = await listOccurrences({ db: ctx.db, teamId: tc.team.id, now: ctx.now, when });
    if (rows.length === 0) return ephemeral(textMessage(ctx.t(when === 'upcoming' ? 'trainings.none_upcoming' : 'trainings.none_past')));
    const view = viewOf(tc);
    return ephemeral(compose([{ type: 'header', text: ctx.t(when === 'upcoming' ? 'trainings.list_upcoming' : 'trainings.list_past', { team: tc.team.clientName }) }, ...rows.map(({ training, occurrence }) => ({ type: 'text' as const, text: classLine(training, occurrence, view) }))]));
  },
});

const show = defineSubcommand({
  name: 'show',
  usage: 'show <n>',
  example: '/training show 3',
  description: 'trainings.show.desc',
  access: { scope: 'team' },
  options: [refOption],
  input: z.object({ number: classNumber }),
  run: async ({ number }, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, number);
    // The one to come, else the last one (held or cancelled).
    const occurrence = (await latestOccurrence({ db: ctx.db, trainingId: training.id }))!;
    const [rsvps, invitees, attendance] = await Promise.all([rsvpsOf({ db: ctx.db, occurrenceId: occurrence.id }), inviteesOf({ db: ctx.db, training }), attendanceOf({ db: ctx.db, occurrenceId: occurrence.id })]);
    return ephemeral(classCard({ training, occurrence, rsvps, invitees, attendance, view: viewOf(tc) }));
  },
});

const move = defineSubcommand({
  name: 'move',
  usage: 'move <n> <when>',
  example: '/training move 3 wednesday 16:00',
  description: 'trainings.move.desc',
  access: manager,
  options: [refOption, { name: 'when', kind: 'rest', required: true, when: 'start', description: 'The new start, e.g. wednesday 16:00' }],
  input: z.object({ number: classNumber, when: z.string({ error: 'trainings.when_required' }).trim().min(1, { error: 'trainings.when_required' }) }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, input.number);
    const startsAt = readStart({ text: input.when, now: ctx.now, zone: zoneOf(ctx.actor, tc.team), team: tc.team });
    const { occurrence, warnings } = await moveClass({ db: ctx.db, now: ctx.now, team: tc.team, actor: ctx.actor, training, startsAt });
    return withWarnings(ctx.t('trainings.moved', { line: classLine(training, occurrence, viewOf(tc)) }), warnings, tc);
  },
});

/** A recurring class asks which: buttons for this one or all future ones. */
const askScope = (ctx: TeamContext, training: TrainingRow, occurrenceId: number, verb: 'cancel'): Reply =>
  ephemeral(
    compose([
      { type: 'text', text: ctx.t('trainings.ask_scope', { number: training.number, title: training.title }) },
      {
        type: 'buttons',
        buttons: [
          { label: ctx.t('trainings.btn_this_one'), actionId: SCOPE_ACTIONS.one, value: String(occurrenceId) },
          { label: ctx.t('trainings.btn_all_future'), actionId: SCOPE_ACTIONS.all, value: String(occurrenceId), style: verb === 'cancel' ? 'danger' : 'primary' },
        ],
      },
    ]),
  );

const cancel = defineSubcommand({
  name: 'cancel',
  usage: 'cancel <n> [this|all]',
  example: '/training cancel 3',
  description: 'trainings.cancel.desc',
  access: manager,
  options: [refOption, { name: 'scope', kind: 'word', choices: ['this', 'all'], description: 'this one or all future ones (recurring classes)' }],
  input: z.object({ number: classNumber, scope: scopeInput }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, input.number);
    const upcoming = await upcomingOf({ db: ctx.db, now: ctx.now, training });
    if (training.recurrence && !input.scope) return askScope(tc, training, upcoming.id, 'cancel');
    const result = await cancelClass({ db: ctx.db, now: ctx.now, team: tc.team, actor: ctx.actor, training, scope: input.scope ?? 'all' });
    return ephemeral(textMessage(cancelledText(tc, training, result)));
  },
});


const edit = defineSubcommand({
  name: 'edit',
  usage: 'edit <n> [this|all] [title <text>] [for <duration>] [link <url>] [max <n>]',
  example: '/training edit 3 all for 45 minutes link https://meet.example.com/new',
  description: 'trainings.edit.desc',
  access: manager,
  options: editOptions,
  input: z.object({ number: classNumber, scope: scopeInput, title: classTitle.optional(), length: z.string().optional(), link: z.string().optional(), max: z.string().optional() }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, input.number);
    await upcomingOf({ db: ctx.db, now: ctx.now, training });
    const changes: ClassChanges = {
      ...(input.title ? { title: input.title } : {}),
      ...(input.length ? { durationMinutes: readLength(input.length) } : {}),
      ...(input.link ? { link: readLink(input.link) } : {}),
      ...(input.max ? { maxSeats: readMax(input.max) } : {}),
    };
    if (Object.keys(changes).length === 0) throw botError('trainings.nothing_to_edit');
    if (training.recurrence && !input.scope) return ephemeral(textMessage(ctx.t('trainings.ask_edit_scope', { number: training.number })));
    const { occurrence } = await editClass({ db: ctx.db, now: ctx.now, team: tc.team, training, scope: input.scope ?? 'all', changes });
    return ephemeral(textMessage(ctx.t('trainings.edited', { line: classLine(training, occurrence, viewOf(tc)) })));
  },
});

const OFF_WORDS = ['off', 'uit', 'none', 'geen'];

const reminders = defineSubcommand({
  name: 'reminders',
  usage: 'reminders <offset> [<offset> …] | off',
  example: '/training reminders 24h 1h',
  description: 'trainings.reminders.desc',
  access: manager,
  options: [{ name: 'offsets', kind: 'rest', required: true, description: 'How long before, e.g. 24h 1h, or off' }],
  input: z.object({ offsets: z.string({ error: 'trainings.offsets_required' }).trim().min(1, { error: 'trainings.offsets_required' }) }),
  run: async ({ offsets }, ctx) => {
    const tc = requireTeam(ctx);
    const words = offsets.toLowerCase().split(/[\s,]+/).filter(Boolean);
    const minutes = OFF_WORDS.includes(words[0]!) && words.length === 1 ? [] : words.map(readOffset);
    const sorted = [...new Set(minutes)].sort((a, b) => b - a);
    await updateSettings({ db: ctx.db, teamId: tc.team.id, changes: { reminderOffsets: sorted } });
    await replanTeamReminders({ db: ctx.db, now: ctx.now, team: tc.team });
    const view = viewOf(tc);
    if (sorted.length === 0) return ephemeral(textMessage(ctx.t('trainings.reminders_off')));
    return ephemeral(textMessage(ctx.t('trainings.reminders_set', { offsets: sorted.map((n) => durationText(n, view.locale)).join(', ') })));
  },
});

const readOffset = (word: string): number => {
  let minutes = 0;
  try {
    minutes = Math.round(parseDuration(word) / 60_000);
  } catch {
    throw botError('trainings.bad_offset', { offset: word });
  }
  if (minutes < 1 || minutes > 14 * 24 * 60) throw botError('trainings.bad_offset', { offset: word });
  return minutes;
};

const urlInput = z.string({ error: 'trainings.url_required' }).trim().min(1, { error: 'trainings.url_required' });

const recording = defineSubcommand({
  name: 'recording',
  usage: 'recording <n> <url>',
  example: '/training recording 3 https://videos.example.com/onboarding',
  description: 'trainings.recording.desc',
  access: manager,
  options: [refOption, { name: 'url', kind: 'rest', required: true, description: 'Where the recording is' }],
  input: z.object({ number: classNumber, url: urlInput }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, input.number);
    const url = readLink(input.url);
    const result = await shareRecording({ db: ctx.db, now: ctx.now, team: tc.team, actor: ctx.actor, training, url });
    return ephemeral(textMessage(ctx.t('trainings.recording_shared', { number: training.number, told: result.told, noshows: result.noShows.length })));
  },
});

const materials = defineSubcommand({
  name: 'materials',
  usage: 'materials <n> <url> [note]',
  example: '/training materials 3 https://docs.example.com/slides Slides and the checklist',
  description: 'trainings.materials.desc',
  access: manager,
  options: [refOption, { name: 'url', kind: 'rest', required: true, description: 'Where the materials are, then an optional note' }],
  input: z.object({ number: classNumber, url: urlInput }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, input.number);
    const [first = '', ...note] = input.url.split(/\s+/);
    const url = readLink(first);
    const result = await shareMaterials({ db: ctx.db, now: ctx.now, team: tc.team, actor: ctx.actor, training, url, note: note.join(' ') });
    return ephemeral(textMessage(ctx.t('trainings.materials_shared', { number: training.number, told: result.told })));
  },
});

const attendance = defineSubcommand({
  name: 'attendance',
  usage: 'attendance <n> [@person …]',
  example: '/training attendance 3 @maria @jo',
  description: 'trainings.attendance.desc',
  access: manager,
  options: [refOption, { name: 'attendees', kind: 'people', description: 'Who attended' }],
  input: z.object({ number: classNumber, attendees: z.array(z.string()).max(50).optional() }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const training = await findClass(tc, input.number);
    const occurrence = await pastOccurrenceOf({ db: ctx.db, now: ctx.now, training });
    const people = await Promise.all((input.attendees ?? []).map((id) => ctx.person(id)));
    await setAttendance({ db: ctx.db, now: ctx.now, occurrence, people });
    const [rows, rsvps, invitees] = await Promise.all([attendanceOf({ db: ctx.db, occurrenceId: occurrence.id }), rsvpsOf({ db: ctx.db, occurrenceId: occurrence.id }), inviteesOf({ db: ctx.db, training })]);
    return ephemeral(classCard({ training, occurrence, rsvps, invitees, attendance: rows, view: viewOf(tc) }));
  },
});

export const trainingCommand = defineCommand({
  name: 'training',
  description: 'trainings.cmd',
  fallback: 'list',
  subcommands: [add, list, show, move, edit, cancel, reminders, recording, materials, attendance, newClassSubcommand],
});

export const trainingsModule: BotModule = { commands: [trainingCommand], actions: trainingActions, forms: [newClassForm], home: trainingsHome, notices: trainingsNotices };
