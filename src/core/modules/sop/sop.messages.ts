import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { compose, type Block, type Message } from '../../messages.js';
import { when, type View } from '../../view.js';
import type { TaskRow } from '../tasks/tasks.repository.js';
import { sopName } from './sop.links.js';
import type { SopRow, SopVersionRow } from './sop.repository.js';

/** The button that records a read of the SOP's version of the moment it is clicked. */
export const readButton = (sop: Pick<SopRow, 'id'>, view: Pick<View, 'locale'>, label = t(view.locale, 'sops.button.read')): Block => ({
  type: 'buttons',
  buttons: [{ label, actionId: 'sop.read', value: String(sop.id), style: 'primary' }],
});

export const sopLine = (sop: SopRow): string => [sopName(sop), ...(sop.tags.length > 0 ? [sop.tags.join(', ')] : [])].join(' · ');

export const sopList = ({ title, list, view, empty }: { title: string; list: SopRow[]; view: View; empty: string }): Message =>
  compose([{ type: 'header', text: title }, ...(list.length === 0 ? [{ type: 'text' as const, text: empty }] : list.map((sop) => ({ type: 'text' as const, text: `${sopLine(sop)}\n${sop.url}` })))]);

export const sopCard = ({ sop, versions, readers, view }: { sop: SopRow; versions: SopVersionRow[]; readers: { person: PersonRow; version: number }[]; view: View }): Message =>
  compose([
    { type: 'header', text: sopName(sop) },
    { type: 'text', text: sop.url },
    {
      type: 'fields',
      fields: [
        { label: t(view.locale, 'sops.field.tags'), value: sop.tags.length > 0 ? sop.tags.join(', ') : '–' },
        { label: t(view.locale, 'sops.field.read_by'), value: readers.length > 0 ? readers.map(({ person, version }) => `${person.displayName} (v${version})`).join(', ') : '–' },
      ],
    },
    {
      type: 'context',
      text: `${t(view.locale, 'sops.history')}:\n${versions.map((version) => t(view.locale, 'sops.version_line', { version: version.version, when: when(version.createdAt, view), note: version.note ? ` · ${version.note}` : '', url: version.url })).join('\n')}`,
    },
    readButton(sop, view),
  ]);

/** The DM of a "Read <title>" task: what to read, where, and the button that says it is done. */
export const assignmentDm = ({ sop, task, assigner, team, view }: { sop: SopRow; task: TaskRow; assigner: string; team: TeamRow; view: View }): Message =>
  compose([
    { type: 'text', text: t(view.locale, 'sops.dm_assigned', { assigner, team: team.clientName, sop: sopName(sop) }) },
    { type: 'header', text: t('en', 'tasks.dm_line', { number: task.number, title: task.title }) },
    { type: 'text', text: sop.url },
    { type: 'context', text: task.dueAt ? t(view.locale, 'tasks.dm_due', { when: when(task.dueAt, view) }) : t(view.locale, 'tasks.dm_no_due') },
    readButton(sop, view),
  ]);

/** A new version, to someone who read an older one: what changed, and where to read it. */
export const changedDm = ({ sop, note, team, view }: { sop: SopRow; note: string; team: TeamRow; view: View }): Message =>
  compose([
    { type: 'text', text: t(view.locale, 'sops.dm_changed', { sop: sopName(sop), team: team.clientName }) },
    ...(note ? [{ type: 'text' as const, text: t(view.locale, 'sops.dm_changed_note', { note }) }] : []),
    { type: 'text', text: sop.url },
    readButton(sop, view),
  ]);
