import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Entry } from '../../src/corpus/types.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { QueryError } from '../../src/search/query-limits.js';
import { fixtureEngine, SHIPPED_CORPUS } from '../helpers/fixture.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await fixtureEngine();
});

describe('ask: answered', () => {
  it('answers the curated entry for its own question, paraphrases and aliases', () => {
    for (const question of ['Does Netflix use Apache Spark?', 'is spark used at netflix', 'Netflix PySpark?']) {
      const result = engine.ask(question);
      expect(result.status, question).toBe('answered');
      expect(result.entry?.id, question).toBe('netflix-uses-apache-spark');
      expect(result.confidence).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('answers derived questions from company facts, with the as-of year', () => {
    const result = engine.ask('Does Discord use ScyllaDB?');
    expect(result.status).toBe('answered');
    expect(result.entry?.origin).toBe('derived');
    expect(result.entry?.answer).toMatch(/ScyllaDB/);
    expect(result.entry?.answer).toMatch(/2023/);
  });

  it('answers category, overview and which-companies questions', () => {
    expect(engine.ask('What programming languages does Discord use?').entry?.id).toBe('d:category:discord:language');
    expect(engine.ask('What tech stack does Discord use?').entry?.id).toBe('d:stack:discord');
    expect(engine.ask('Which companies use React?').entry?.id).toBe('d:users:react');
    expect(engine.ask('netflix').entry?.id).toBe('d:stack:netflix');
  });

  it('lets a curated entry win over the derived one for the same question', () => {
    expect(engine.ask('Which database does Netflix use?').entry?.id).toBe('netflix-database');
    expect(engine.entry('d:category:netflix:database')).toBeUndefined();
  });

  it('says a formerly used technology is not current', () => {
    const result = engine.ask('Does Discord use Cassandra?');
    expect(result.status).toBe('answered');
    expect(result.entry?.answer).toMatch(/Not any more/);
    expect(result.entry?.answer).toMatch(/ScyllaDB/);
  });

  it('tolerates typos in names', () => {
    expect(engine.ask('does netflx use kafak').entry?.id).toBe('d:uses:netflix:apache-kafka');
  });
});

describe('ask: an entry that lists the very question', () => {
  it('wins over entries that merely mention the same name', async () => {
    const local = await fixtureEngine();
    local.upsert({
      id: 'flink-explained',
      question: 'How does Discord handle real-time events?',
      phrasings: ['What is Flink?', 'Discord streaming'],
      answer: `Flink is a stream processor. ${'Discord handles events with Elixir, Rust, Kafka and more. '.repeat(20)}`,
      companies: ['discord', 'netflix'],
      technologies: ['apache-flink', 'apache-spark', 'apache-kafka', 'elixir', 'rust', 'python', 'react', 'kubernetes'],
      related: [],
      sources: [],
      origin: 'curated',
    });
    const result = local.ask('What is Flink?');
    expect(result.status).toBe('answered');
    expect(result.entry?.id).toBe('flink-explained');
  });
});

describe('ask: never answers a different question with confidence', () => {
  it('does not answer "Does Netflix use Rust?" with the Netflix Spark entry', () => {
    const result = engine.ask('Does Netflix use Rust?');
    expect(result.status).toBe('unsure');
    expect(result.reason).toBe('no_record');
    expect(result.entry).toBeNull();
    expect(result.notice).toMatch(/no record of Netflix using Rust/);
    expect(result.notice).toMatch(/Java/);
    expect(result.alternatives.map((item) => item.id)).not.toContain('netflix-uses-apache-spark');
  });

  it('does not answer a company it has no entry for with another company', () => {
    const result = engine.ask('Which database does Discord use with Apache Spark?');
    expect(result.status).not.toBe('answered');
  });

  it('is unsure when a question is too vague to pick one entry', () => {
    const result = engine.ask('Apache Spark');
    expect(result.status).toBe('unsure');
    expect(result.alternatives.length).toBeGreaterThan(1);
  });
});

describe('ask: out of scope', () => {
  it.each([
    'Is Netflix included with Spark broadband?',
    'How much do Netflix plans cost?',
    'How do I activate Netflix on my TV?',
    'Which VPN works with Netflix?',
    'Which bundles include Netflix?',
    'What is the weather in Paris tomorrow?',
  ])('%s', (question) => {
    const result = engine.ask(question);
    expect(result.status).toBe('out_of_scope');
    expect(result.entry).toBeNull();
  });
});

describe('ask: bad input', () => {
  it.each([
    ['empty', '', /empty/],
    ['only spaces', '    ', /empty/],
    ['10,000 characters', 'x'.repeat(10_000), /characters long/],
    ['binary junk', '\u0000\u0001\u0002binary', /binary/],
    ['only emoji', '🚀🔥🙂', /no words/],
  ])('rejects %s with a clear message', (_label, input, message) => {
    expect(() => engine.ask(input)).toThrow(QueryError);
    expect(() => engine.ask(input)).toThrow(message);
  });
});

describe('related', () => {
  it('offers curated related ids first, never the entry itself, never duplicates', () => {
    const related = engine.related('netflix-uses-apache-spark');
    expect(related[0]?.id).toBe('netflix-database');
    expect(related.map((item) => item.id)).not.toContain('netflix-uses-apache-spark');
    expect(new Set(related.map((item) => item.question)).size).toBe(related.length);
    expect(related.length).toBeLessThanOrEqual(4);
  });

  it('offers the company view and other users of the technology for a derived entry', () => {
    const ids = engine.related('d:uses:discord:react', {}, 4).map((item) => item.id);
    expect(ids).toContain('d:category:discord:frontend');
    expect(ids).toContain('d:users:react');
    expect(ids).toContain('d:uses:netflix:react');
  });
});

describe('a company the corpus does not know', () => {
  it("says it has no record of it, and never offers another company's answer", () => {
    const result = engine.ask('Does Initech use Apache Kafka?');
    expect(result).toMatchObject({ status: 'unsure', entry: null });
    expect(result.notice).toMatch(/^I have no record of Initech/);
    for (const alternative of result.alternatives) expect(alternative.id).not.toMatch(/^d:uses:/);
  });

  it('does not mistake a technology or a pronoun for an unknown company', () => {
    expect(engine.ask('does anyone use kafka').notice ?? '').not.toMatch(/no record of anyone/);
    expect(engine.ask('does spark use scala').notice ?? '').not.toMatch(/no record of spark/);
  });
});

describe('questions that are not about a stack', () => {
  it('gives questions about people their own polite line', () => {
    const result = engine.ask('who is the ceo of netflix');
    expect(result).toMatchObject({ status: 'out_of_scope', reason: 'people', entry: null });
    expect(result.notice).toMatch(/not about the people/);
  });

  it('never answers a how-to, account or outage question with a stack, even when it names a technology', () => {
    for (const question of [
      'how to make a discord bot in python',
      'is netflix down',
      'netflix promo code',
      'how do i delete my discord account',
    ]) {
      expect(engine.ask(question), question).toMatchObject({ status: 'out_of_scope', reason: 'off_topic' });
    }
  });
});

describe('suggest', () => {
  it('tolerates a typo in a name, as /ask does: "netflix sprak" offers the Spark question first', () => {
    for (const typed of ['netflix sprak', 'netflix sprak ', 'does netflx use spark']) {
      expect(
        engine
          .suggest(typed)
          .slice(0, 3)
          .map((entry) => entry.id),
        typed,
      ).toContain('netflix-uses-apache-spark');
    }
    // A word still being typed is not a typo while a known word starts with it.
    expect(engine.suggest('netfl').length).toBeGreaterThan(0);
  });

  it('completes a partly typed question', () => {
    const suggestions = engine.suggest('does netflix use apache sp');
    expect(suggestions[0]?.question).toBe('Does Netflix use Apache Spark?');
    expect(engine.suggest('which datab').map((item) => item.question)).toContain('Which database does Netflix use?');
    expect(suggestions.length).toBeLessThanOrEqual(25);
  });

  it('in a corpus where a word is everywhere, still offers only questions with every word typed', async () => {
    const { corpus } = await loadCorpus(SHIPPED_CORPUS);
    const filler = Array.from(
      { length: 3000 },
      (_, index): Entry => ({
        id: `widget-${index}`,
        question: `How does the widget team ship release ${index}?`,
        phrasings: [],
        answer: 'In small steps.',
        companies: [],
        technologies: [],
        related: [],
        sources: [],
        origin: 'curated',
      }),
    );
    const crowded = AnswerEngine.create({ ...corpus, entries: [...corpus.entries, ...filler] });
    // "widget" and "release" are in 3,000 questions; the search walks the rarest words and checks the rest.
    const suggestions = crowded.suggest('widget release 1234');
    expect(suggestions[0]?.id).toBe('widget-1234');
    // The half-typed "rel" is everywhere too: completed among what "1234" finds.
    expect(crowded.suggest('widget 1234 rel')[0]?.id).toBe('widget-1234');
    for (const typed of ['widget ship relea', 'widget team']) {
      const found = crowded.suggest(typed);
      expect(found.length, typed).toBeGreaterThanOrEqual(5);
      expect(
        found.every((summary) => /widget/i.test(summary.question)),
        typed,
      ).toBe(true);
    }
  });

  it('returns up to 25 questions for an empty query, never the same question twice', () => {
    const suggestions = engine.suggest('');
    expect(suggestions.length).toBe(25);
    expect(new Set(suggestions.map((item) => item.question)).size).toBe(25);
  });
});

describe('in-place updates', () => {
  const entry: Entry = {
    id: 'netflix-open-connect',
    question: 'What is Netflix Open Connect?',
    phrasings: ['Netflix CDN appliances'],
    answer: 'Netflix’s own content delivery network.',
    companies: ['netflix'],
    technologies: [],
    related: [],
    sources: [],
    origin: 'server',
    guildId: '100',
  };

  it('adds, replaces and removes without a rebuild, and keeps server entries in their server', async () => {
    const local = await fixtureEngine();
    const size = local.size;
    local.upsert(entry);
    expect(local.size).toBe(size + 1);
    expect(local.ask('What is Netflix Open Connect?', { guildId: '100' }).entry?.id).toBe(entry.id);
    expect(local.ask('What is Netflix Open Connect?', { guildId: '200' }).entry?.id).not.toBe(entry.id);

    local.upsert({ ...entry, question: 'What is the Netflix Open Connect CDN?', answer: 'Updated.' });
    expect(local.ask('Netflix Open Connect CDN', { guildId: '100' }).entry?.answer).toBe('Updated.');
    expect(local.size).toBe(size + 1);

    expect(local.remove(entry.id)).toBe(true);
    expect(local.entry(entry.id)).toBeUndefined();
    expect(local.ask('What is the Netflix Open Connect CDN?', { guildId: '100' }).entry?.id).not.toBe(entry.id);
    expect(local.size).toBe(size);
  });

  it('lets a server entry override a shipped one in that server only', async () => {
    const local = await fixtureEngine();
    local.upsert({ ...entry, id: 'our-netflix-db', question: 'Which database does Netflix use?', answer: 'Ours.' });
    expect(local.ask('Which database does Netflix use?', { guildId: '100' }).entry?.answer).toBe('Ours.');
    expect(local.ask('Which database does Netflix use?', { guildId: '200' }).entry?.id).toBe('netflix-database');
  });
});

describe('servers keep to themselves', () => {
  const ours = (index: number, guildId: string): Entry => ({
    id: `s-initech-${guildId}-${index}`,
    question: index === 0 ? 'Which message queue does Initech run for its order pipeline?' : `How does Initech deploy service ${index}?`,
    phrasings: index === 0 ? ['Initech order pipeline queue'] : [],
    answer: `Initech runs its own tooling, part ${index}.`,
    companies: [],
    technologies: index === 0 ? ['apache-kafka'] : [],
    localTags: ['Initech'],
    related: [],
    sources: [],
    origin: 'server',
    guildId,
  });

  it("never answers, suggests, relates or counts another server's entries, however many it has", async () => {
    const local = await fixtureEngine();
    const shippedSize = local.entries().length;
    for (let index = 0; index < 300; index++) local.upsert(ours(index, 'A'));
    const inA = { guildId: 'A' };
    const inB = { guildId: 'B' };
    expect(local.ask('Which message queue does Initech run for its order pipeline?', inA).entry?.id).toBe('s-initech-A-0');
    expect(local.suggest('initech order pip', inA).map((summary) => summary.id)).toContain('s-initech-A-0');

    const elsewhere = local.ask('Which message queue does Initech run for its order pipeline?', inB);
    expect(elsewhere.entry?.guildId).toBeUndefined();
    expect(elsewhere.alternatives.every((summary) => !summary.id.startsWith('s-initech'))).toBe(true);
    expect(local.suggest('initech', inB)).toEqual([]);
    expect(local.suggest('', inB).every((summary) => !summary.id.startsWith('s-initech'))).toBe(true);
    expect(local.related('apache-kafka-users', inB).every((summary) => !summary.id.startsWith('s-initech'))).toBe(true);
    expect(local.entries(inB)).toHaveLength(shippedSize);
    expect(local.entries(inA)).toHaveLength(shippedSize + 300);
    expect(local.visibleEntry('s-initech-A-0', inB)).toBeUndefined();
    expect(local.findDuplicate('Which message queue does Initech run for its order pipeline?', inB)).toBeUndefined();
    expect(local.findDuplicate('Which message queue does Initech run for its order pipeline?', inA)?.id).toBe('s-initech-A-0');
    // Outside any server (a DM), the shipped corpus only.
    expect(local.ask('Which message queue does Initech run for its order pipeline?').entry?.guildId).toBeUndefined();

    // A question in B is answered as it would be with no other server at all.
    const alone = await fixtureEngine();
    for (const question of ['Does Netflix use Apache Spark?', 'Which database does Netflix use?', 'Kafka at Uber?']) {
      expect(local.ask(question, inB), question).toEqual(alone.ask(question, inB));
      expect(local.suggest(question.slice(0, 12), inB), question).toEqual(alone.suggest(question.slice(0, 12), inB));
    }
  });
});

describe('building', () => {
  it('builds the shipped corpus in slices: timers keep firing while it is indexed, and the result matches a build at once', async () => {
    const { corpus } = await loadCorpus(SHIPPED_CORPUS);
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const sliced = await AnswerEngine.build(corpus);
    clearInterval(timer);
    // Built at once, the event loop would get no turn before the build ends.
    expect(turns).toBeGreaterThan(0);
    const atOnce = AnswerEngine.create(corpus);
    expect(sliced.size).toBe(atOnce.size);
    for (const question of ['Does Netflix use Apache Spark?', 'Which database does Discord use?', 'netflix vs spotify databases']) {
      expect(sliced.ask(question)).toEqual(atOnce.ask(question));
    }
  });
});
