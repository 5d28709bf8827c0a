import { buttonsOf, type Button, type Form, type Message } from '../../src/core/messages.js';
import { channelLocation, dmLocation, type Location } from './console.inbound.js';
import { selectsOf, type Audience, type Select } from './console.render.js';

/** A message the console showed, kept so a later `:click` can press one of its buttons. */
export interface SeenMessage {
  id: number;
  to: Audience;
  /** Where a press of its buttons happens (the channel or the DM it is in). */
  location: Location;
  ephemeral: boolean;
  message: Message;
}

export interface OpenForm {
  form: Form;
  /** The person it was opened for: only they can submit it, as with a modal. */
  person: string;
  location: Location;
}

/**
 * Who is typing and where, and what they have seen. Holds no rules: it only remembers, so directives can
 * turn into the invocations a platform would send (a button press on a message, a modal submission).
 */
export interface ConsoleSession {
  readonly firstPerson: string;
  readonly person: string;
  /** The channel the person is in; kept while in the DM so `:as name role` still knows the team channel. */
  readonly channel: string;
  readonly inDm: boolean;
  /** Where what the person types now goes. */
  location(): Location;
  switchPerson(person: string): void;
  switchChannel(channel: string): void;
  enterDm(): void;
  remember(seen: Omit<SeenMessage, 'id'>): SeenMessage;
  /** The clicked message was replaced (a Reply of kind update): later clicks see the new buttons. */
  replace(id: number, message: Message): void;
  /** The latest message visible to `person` with a button of that label (case-insensitive) or action id. */
  findButton(person: string, query: string): { seen: SeenMessage; button: Button } | null;
  /**
   * The latest message visible to `person` with a menu option matching `query` (case-insensitive): its
   * label, its value, or the start of its label ("manila" for "Manila (UTC+8)").
   */
  findOption(person: string, query: string): { seen: SeenMessage; select: Select; option: Select['options'][number] } | null;
  openForm(form: OpenForm): void;
  formOf(person: string): OpenForm | null;
  /** Any open form, to say whose it is when someone else tries to submit it. */
  currentForm(): OpenForm | null;
  closeForm(): void;
}

// Enough for any realistic session; older messages are forgotten so a long run does not grow without bound.
const MAX_SEEN = 500;

export const visibleTo = (seen: SeenMessage, person: string): boolean => {
  if (seen.to.kind === 'dm') return seen.to.person === person;
  return seen.to.person === undefined || seen.to.person === person;
};

export const createConsoleSession = ({ person, channel }: { person: string; channel: string }): ConsoleSession => {
  const state = { person, channel, inDm: false };
  const seen: SeenMessage[] = [];
  let nextId = 1;
  let form: OpenForm | null = null;

  return {
    firstPerson: person,
    get person() {
      return state.person;
    },
    get channel() {
      return state.channel;
    },
    get inDm() {
      return state.inDm;
    },
    location: () => (state.inDm ? dmLocation(state.person) : channelLocation(state.channel)),
    switchPerson(next) {
      state.person = next;
    },
    switchChannel(next) {
      state.channel = next;
      state.inDm = false;
    },
    enterDm() {
      state.inDm = true;
    },
    remember(message) {
      const entry = { ...message, id: nextId++ };
      seen.push(entry);
      if (seen.length > MAX_SEEN) seen.splice(0, seen.length - MAX_SEEN);
      return entry;
    },
    replace(id, message) {
      const entry = seen.find((candidate) => candidate.id === id);
      if (entry) entry.message = message;
    },
    findButton(who, query) {
      const wanted = query.trim().toLowerCase();
      for (let index = seen.length - 1; index >= 0; index--) {
        const entry = seen[index]!;
        if (!visibleTo(entry, who)) continue;
        const buttons = buttonsOf(entry.message);
        const button = buttons.find((candidate) => candidate.label.toLowerCase() === wanted) ?? buttons.find((candidate) => candidate.actionId.toLowerCase() === wanted);
        if (button) return { seen: entry, button };
      }
      return null;
    },
    findOption(who, query) {
      const wanted = query.trim().toLowerCase();
      const matches = [
        (option: Select['options'][number]) => option.label.toLowerCase() === wanted,
        (option: Select['options'][number]) => option.value.toLowerCase() === wanted,
        (option: Select['options'][number]) => option.label.toLowerCase().startsWith(wanted),
      ];
      for (let index = seen.length - 1; index >= 0; index--) {
        const entry = seen[index]!;
        if (!visibleTo(entry, who)) continue;
        for (const select of selectsOf(entry.message)) {
          for (const match of matches) {
            const option = select.options.find(match);
            if (option) return { seen: entry, select, option };
          }
        }
      }
      return null;
    },
    openForm(next) {
      form = next;
    },
    formOf: (who) => (form && form.person === who ? form : null),
    currentForm: () => form,
    closeForm() {
      form = null;
    },
  };
};
