import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/corpus/types.js';
import { cutAtWord } from '../../src/discord/limits.js';
import { footerText, formatTally, renderAnswer, renderOutOfScope, renderUnsure } from '../../src/discord/render.js';

const entry: Entry = {
  id: 'netflix-uses-apache-spark',
  question: 'Does Netflix use Apache Spark?',
  phrasings: [],
  answer: '**Yes.** @everyone Netflix runs Spark. <@123> <@&456>',
  companies: ['netflix'],
  technologies: ['apache-spark'],
  related: [],
  sources: ['https://netflixtechblog.com/spark-at-netflix', 'https://example.com/notes'],
  askedBy: 'Stackwise team',
  updated: '2026-05-20',
  origin: 'curated',
};
const citations = [
  { url: 'https://netflixtechblog.com/spark-at-netflix', title: 'Spark [and] Netflix', publisher: 'Netflix TechBlog', year: 2024 },
  { url: 'https://example.com/notes' },
];
const related = [
  { id: 'a', question: `Which ${'very '.repeat(30)}long question is this?` },
  { id: 'b', question: 'Which database does Netflix use?' },
];

describe('renderAnswer', () => {
  it('shows question, answer, titled sources and a Q&A-style footer, with mentions off', () => {
    const message = renderAnswer({ entry, citations, related, tally: { helpful: 11, notHelpful: 1 }, ephemeral: false });
    expect(message.allowedMentions).toEqual({ parse: [] });
    const [embed] = message.embeds;
    expect(embed?.title).toBe(entry.question);
    expect(embed?.description).toBe(entry.answer);
    expect(embed?.fields).toEqual([
      {
        name: 'Sources',
        value:
          '• [Spark \\[and\\] Netflix](https://netflixtechblog.com/spark-at-netflix), Netflix TechBlog, 2024\n• <https://example.com/notes>',
      },
    ]);
    expect(embed?.footer?.text).toBe('Asked by Stackwise team · Updated 20 May 2026 · 92% helpful (12 votes)');
  });

  it('puts related questions first, cut to 80 characters at a word, then the vote buttons', () => {
    const message = renderAnswer({ entry, citations, related, tally: { helpful: 0, notHelpful: 0 }, ephemeral: false });
    const [relatedRow, actions] = message.components;
    const labels = relatedRow!.components.map((button) => ('label' in button ? button.label : ''));
    expect(labels[0]!.length).toBeLessThanOrEqual(80);
    expect(labels[0]).toMatch(/very…$/);
    expect(relatedRow!.components.map((button) => ('custom_id' in button ? button.custom_id : ''))).toEqual(['sw1:o:a', 'sw1:o:b']);
    expect(actions!.components.map((button) => ('label' in button ? button.label : ''))).toEqual(['Helpful', 'Not helpful']);
  });

  it('adds "Post in channel" to an ephemeral answer', () => {
    const message = renderAnswer({ entry, citations, related: [], tally: { helpful: 0, notHelpful: 0 }, ephemeral: true });
    const labels = message.components.at(-1)!.components.map((button) => ('label' in button ? button.label : ''));
    expect(labels).toContain('Post in channel');
  });

  it('adds "That solved it" to an auto-answer, and shows it disabled once used', () => {
    const view = { entry, citations, related: [], tally: { helpful: 0, notHelpful: 0 }, ephemeral: false };
    const solvedOf = (message: ReturnType<typeof renderAnswer>) =>
      message.components.at(-1)!.components.find((button) => 'label' in button && /olved/.test(button.label ?? ''));
    expect(solvedOf(renderAnswer(view))).toBeUndefined();
    expect(solvedOf(renderAnswer({ ...view, solved: 'open' }))).toMatchObject({ label: 'That solved it', custom_id: 'sw1:as' });
    expect(solvedOf(renderAnswer({ ...view, solved: 'done' }))).toMatchObject({ label: 'Solved', disabled: true });
  });

  it('cuts an over-long answer cleanly at Discord’s 4,096 characters', () => {
    const long = { ...entry, answer: `${'word '.repeat(1000)}\n${'more '.repeat(100)}` };
    const description = renderAnswer({ entry: long, citations, related: [], tally: { helpful: 0, notHelpful: 0 }, ephemeral: false })
      .embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.endsWith('…')).toBe(true);
  });
});

describe('footer and tallies', () => {
  it('formats votes', () => {
    expect(formatTally({ helpful: 0, notHelpful: 0 })).toBe('No votes yet');
    expect(formatTally({ helpful: 1, notHelpful: 0 })).toBe('100% helpful (1 vote)');
  });
  it('says a derived answer comes from company facts, as of its year', () => {
    const derived: Entry = { ...entry, origin: 'derived', askedBy: undefined, updated: undefined, asOf: 2024 } as Entry;
    expect(footerText(derived, { helpful: 0, notHelpful: 0 })).toBe('From company facts · As of 2024 · No votes yet');
  });
  it('cuts at a word', () => {
    expect(cutAtWord('one two three', 9)).toBe('one two…');
  });
});

describe('unsure and out of scope', () => {
  it('offers the closest questions as buttons', () => {
    const message = renderUnsure({
      status: 'unsure',
      reason: 'ambiguous',
      entry: null,
      confidence: 0.5,
      alternatives: related,
      related: [],
    });
    expect(message.content).toMatch(/I'm not sure. Did you mean:/);
    expect(message.components[0]!.components).toHaveLength(2);
    expect(message.allowedMentions).toEqual({ parse: [] });
  });
  it('says what the bot answers, with examples', () => {
    const message = renderOutOfScope({
      status: 'out_of_scope',
      reason: 'no_match',
      entry: null,
      confidence: 0,
      alternatives: [],
      related: [],
    });
    expect(message.content).toMatch(/Does Netflix use Apache Spark\?/);
  });
});
