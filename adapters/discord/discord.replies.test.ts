import type { Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/invocation.js';
import { textMessage, type Form } from '../../src/core/messages.js';
import { silentLogger } from '../../src/core/ports.js';
import { createPendingForms } from './discord.forms.js';
import { answerInTime, commandSink, componentSink, deliverReply, dmSink, localeOf, modalSink, type InteractionSink, type ReplyContext } from './discord.replies.js';

const EPHEMERAL = 64;
const form: Form = { formId: 'task.new', title: 'New task', submitLabel: 'Add', privateValue: '', fields: [{ id: 'title', label: 'Title', kind: 'text', required: true }] };
const said = (text: string, visibility: 'ephemeral' | 'channel'): Reply => ({ kind: 'message', message: textMessage(text), visibility });
const updated: Reply = { kind: 'update', message: textMessage('Done: the invoice'), notice: textMessage('Marked done') };

/** An interaction and a client that write down what the adapter calls, as `method` or `method:ephemeral`, and `post:<channel>`. */
const recording = ({ fromMessage = false, channelPost = true } = {}) => {
  const calls: string[] = [];
  const note = (name: string) => async (options?: { flags?: number }) => void calls.push(options?.flags === EPHEMERAL ? `${name}:ephemeral` : name);
  const interaction = {
    channelId: 'c1',
    locale: 'en-US',
    isFromMessage: () => fromMessage,
    reply: note('reply'),
    followUp: note('followUp'),
    deferReply: note('deferReply'),
    deleteReply: note('deleteReply'),
    editReply: note('editReply'),
    deferUpdate: note('deferUpdate'),
    update: note('update'),
    showModal: note('showModal'),
  };
  const client = {
    rest: {
      post: async (route: string) => {
        calls.push(`post:${route}`);
        if (!channelPost) throw new Error('Missing Access');
      },
    },
  } as unknown as Client;
  const ctx: ReplyContext = { client, forms: createPendingForms(), logger: silentLogger, origin: { guildId: 'g1', channel: { id: 'c1', isDm: false } } };
  return { calls, interaction: interaction as never, ctx };
};

type Kind = 'command' | 'component' | 'modal' | 'modal from a message';
const sinkOf = (kind: Kind, options: { channelPost?: boolean } = {}) => {
  const { calls, interaction, ctx } = recording({ fromMessage: kind === 'modal from a message', ...options });
  const sink: InteractionSink = kind === 'command' ? commandSink(interaction, ctx) : kind === 'component' ? componentSink(interaction, ctx) : modalSink(interaction, ctx);
  return { calls, sink };
};

const quick = async (kind: Kind, reply: Reply) => {
  const { calls, sink } = sinkOf(kind);
  await deliverReply(reply, sink);
  return calls;
};

const afterDefer = async (kind: Kind, reply: Reply, options: { channelPost?: boolean } = {}) => {
  const { calls, sink } = sinkOf(kind, options);
  await sink.defer();
  await deliverReply(reply, sink);
  return calls;
};

describe('answering an interaction in time', () => {
  it('a quick reply is the first answer: a message, a modal, an update of the clicked message', async () => {
    expect(await quick('command', said('Added #1', 'channel'))).toEqual(['reply']);
    expect(await quick('command', said('Your tasks', 'ephemeral'))).toEqual(['reply:ephemeral']);
    expect(await quick('command', { kind: 'form', form })).toEqual(['showModal']);
    expect(await quick('command', updated)).toEqual(['reply:ephemeral', 'followUp:ephemeral']);
    expect(await quick('command', { kind: 'none' })).toEqual(['deferReply:ephemeral', 'deleteReply']);

    expect(await quick('component', said('Snoozed', 'ephemeral'))).toEqual(['reply:ephemeral']);
    expect(await quick('component', { kind: 'form', form })).toEqual(['showModal']);
    expect(await quick('component', updated)).toEqual(['update', 'followUp:ephemeral']);
    expect(await quick('component', { kind: 'none' })).toEqual(['deferUpdate']);
  });

  it('a modal’s submission never answers with a modal, and updates the message it was opened from', async () => {
    expect(await quick('modal', { kind: 'form', form })).toEqual(['reply:ephemeral']);
    expect(await quick('modal', updated)).toEqual(['reply:ephemeral', 'followUp:ephemeral']);
    expect(await quick('modal', { kind: 'none' })).toEqual(['deferReply:ephemeral', 'deleteReply']);
    expect(await quick('modal from a message', updated)).toEqual(['update', 'followUp:ephemeral']);
    expect(await quick('modal from a message', { kind: 'none' })).toEqual(['deferUpdate']);
  });

  it('after an ephemeral defer: a channel reply is posted in the channel (or to the person when it may not), a form becomes a button', async () => {
    expect(await afterDefer('command', said('Added #1', 'channel'))).toEqual(['deferReply:ephemeral', 'post:/channels/c1/messages', 'deleteReply']);
    expect(await afterDefer('command', said('Added #1', 'channel'), { channelPost: false })).toEqual(['deferReply:ephemeral', 'post:/channels/c1/messages', 'editReply']);
    expect(await afterDefer('command', said('Your tasks', 'ephemeral'))).toEqual(['deferReply:ephemeral', 'editReply']);
    expect(await afterDefer('command', { kind: 'form', form })).toEqual(['deferReply:ephemeral', 'editReply']);
    expect(await afterDefer('command', updated)).toEqual(['deferReply:ephemeral', 'editReply', 'followUp:ephemeral']);
    expect(await afterDefer('command', { kind: 'none' })).toEqual(['deferReply:ephemeral', 'deleteReply']);
  });

  it('after a click is deferred as an update: the message is edited, anything else follows up', async () => {
    expect(await afterDefer('component', said('Added #1', 'channel'))).toEqual(['deferUpdate', 'followUp']);
    expect(await afterDefer('component', said('Snoozed', 'ephemeral'))).toEqual(['deferUpdate', 'followUp:ephemeral']);
    expect(await afterDefer('component', { kind: 'form', form })).toEqual(['deferUpdate', 'followUp:ephemeral']);
    expect(await afterDefer('component', updated)).toEqual(['deferUpdate', 'editReply', 'followUp:ephemeral']);
    expect(await afterDefer('component', { kind: 'none' })).toEqual(['deferUpdate']);
  });

  it('defers only when the core is slower than the deadline', async () => {
    const fast = sinkOf('command');
    await answerInTime(fast.sink, Promise.resolve(said('Added #1', 'channel')), 50);
    expect(fast.calls).toEqual(['reply']);
    const slow = sinkOf('command');
    await answerInTime(slow.sink, new Promise<Reply>((resolve) => setTimeout(() => resolve(said('Your tasks', 'ephemeral')), 60)), 5);
    expect(slow.calls).toEqual(['deferReply:ephemeral', 'editReply']);
  });
});

describe('answering a typed DM', () => {
  it('posts every answer in the DM: an update and its notice, a form as a button, nothing for none', async () => {
    const { calls, ctx } = recording();
    const sink = dmSink('dm1', ctx);
    await deliverReply(updated, sink);
    await deliverReply({ kind: 'form', form }, sink);
    await deliverReply({ kind: 'none' }, sink);
    expect(calls).toEqual(['post:/channels/dm1/messages', 'post:/channels/dm1/messages', 'post:/channels/dm1/messages']);
  });
});

describe('the locale of an interaction', () => {
  it('is its language when Righthand speaks it, else English', () => {
    expect(localeOf('nl')).toBe('nl');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('en-GB')).toBe('en');
    expect(localeOf('pt-BR')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
  });
});
