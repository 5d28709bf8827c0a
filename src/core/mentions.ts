/**
 * The core's own way to name a person in text: `@{<platform user id>}`. Each adapter translates its platform's
 * mentions (Slack's `<@U123|maria>`, Discord's `<@123>` and `<@!123>`, the console's `@maria`) into this form
 * on the way in, so the core knows neither platform's markup. The braces keep it apart from anything people
 * type themselves (an e-mail address, a handle in a title).
 */
const MENTION = /^@\{([^{}\s]+)\}$/;
const MENTIONS = /@\{([^{}\s]+)\}/g;

export const mention = (userId: string): string => `@{${userId}}`;

/** The user id a token names, or null when it is no mention. */
export const mentionId = (token: string): string | null => MENTION.exec(token)?.[1] ?? null;

/** Every user id mentioned in a text, once each, in order. */
export const mentionedIn = (text: string): string[] => [...new Set([...text.matchAll(MENTIONS)].map((match) => match[1]!))];

/**
 * A person named by a form field or a typed option: a mention, or already a bare user id (Discord's USER
 * option, a select's value). A leading `@` is dropped, so `@maria` typed into a form field still counts.
 */
export const userIdOf = (value: string): string => mentionId(value.trim()) ?? value.trim().replace(/^@/, '');
