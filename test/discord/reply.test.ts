import { Options, type RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/corpus/types.js';
import { scopeOf } from '../../src/discord/context.js';
import { type MessagePayload, renderAnswer, renderUnsure } from '../../src/discord/render.js';
import { respond } from '../../src/discord/reply.js';

const entry: Entry = {
  id: 'netflix-uses-apache-spark',
  question: 'Does Netflix use Apache Spark?',
  phrasings: [],
  answer: '**Yes.** Netflix runs Spark.',
  fields: [{ name: 'Used for', value: 'batch jobs' }],
  companies: ['netflix'],
  technologies: ['apache-spark'],
  related: [],
  sources: ['https://netflixtechblog.com/spark-at-netflix'],
  updated: '2026-05-20',
  origin: 'curated',
};
const related = [{ id: 'netflix-database', question: 'Which database does Netflix use?' }];

/** What respond hands to interaction.reply, as discord.js turns it into the request body. */
async function sentBody(payload: MessagePayload) {
  let sent: { embeds: unknown[]; components: unknown[] } | undefined;
  const interaction = {
    deferred: false,
    replied: false,
    async reply(options: typeof sent) {
      sent = options;
    },
  };
  await respond(interaction as unknown as RepliableInteraction, payload, { ephemeral: true });
  const encode = (item: unknown) => (item as { toJSON(): unknown }).toJSON();
  return { embeds: sent!.embeds.map(encode), components: sent!.components.map(encode) };
}

describe('respond', () => {
  it("sends embeds and components exactly as discord.js's own conversion would", async () => {
    const { jsonTransformer } = Options.createDefault();
    const payloads = [
      renderAnswer({ entry, citations: [], related, tally: { helpful: 1, notHelpful: 0 }, ephemeral: true, myVote: 1 }),
      renderUnsure({ status: 'unsure', reason: 'ambiguous', entry: null, confidence: 0.5, alternatives: related, related: [] }),
    ];
    for (const payload of payloads) {
      expect(await sentBody(payload)).toEqual({
        embeds: payload.embeds.map((embed) => jsonTransformer!(embed)),
        components: payload.components.map((component) => jsonTransformer!(component)),
      });
    }
  });
});

describe('who a reply may notify', () => {
  const mentionsOf = async (options: Parameters<typeof respond>[2]) => {
    let sent: { allowedMentions?: unknown } | undefined;
    const interaction = {
      deferred: false,
      replied: false,
      async reply(body: typeof sent) {
        sent = body;
      },
    };
    await respond(
      interaction as unknown as RepliableInteraction,
      renderUnsure({ status: 'unsure', reason: 'ambiguous', entry: null, confidence: 0.5, alternatives: [], related: [] }),
      options,
    );
    return sent?.allowedMentions;
  };

  it('nobody, unless a visible answer is aimed at one user, who alone may be notified', async () => {
    expect(await mentionsOf({ ephemeral: false })).toEqual({ parse: [] });
    expect(await mentionsOf({ ephemeral: false, mentionUserId: '123456789012345678' })).toEqual({
      parse: [],
      users: ['123456789012345678'],
    });
    expect(await mentionsOf({ ephemeral: true, mentionUserId: '123456789012345678' })).toEqual({ parse: [] });
  });
});

describe('scopeOf', () => {
  it('is a server only when the interaction names it as the guild install', () => {
    const guildId = '223456789012345678';
    expect(scopeOf({ guildId, authorizingIntegrationOwners: { guildId } })).toEqual({ guildId });
    // A user install used in a server that has not added the bot.
    expect(scopeOf({ guildId, authorizingIntegrationOwners: { guildId: null } })).toEqual({});
    // The bot's DM: Discord sends "0" as the guild install.
    expect(scopeOf({ guildId: null, authorizingIntegrationOwners: { guildId: '0' } })).toEqual({});
  });
});
