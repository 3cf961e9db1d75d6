import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryContent } from '../../src/corpus/types.js';
import { CurationService } from '../../src/curation/service.js';
import type { AnswerEngine } from '../../src/search/engine.js';
import { runNow } from '../../src/slices.js';
import type { Store } from '../../src/store/index.js';
import { type CurationFixture, curationFixture } from '../helpers/curation.js';
import { fixtureEngine } from '../helpers/fixture.js';

const A = 'guild-a';
const B = 'guild-b';
const ana = { id: '1001', name: 'Ana' };
const bo = { id: '1002', name: 'Bo' };

const migration: EntryContent = {
  question: 'Why did Discord move from Cassandra to ScyllaDB?',
  answer: 'Garbage-collection pauses in **Cassandra** hurt tail latency; ScyllaDB has none.',
  phrasings: ['Why did Discord leave Cassandra?'],
  tags: ['Discord', 'ScyllaDB'],
  sources: ['https://discord.com/blog/how-discord-stores-trillions-of-messages'],
};

let store: Store;
let engine: AnswerEngine;
let curation: CurationService;
let fixture: CurationFixture;

beforeEach(async () => {
  fixture = await curationFixture();
  ({ store, engine, curation } = fixture);
});
afterEach(async () => {
  await fixture.cleanup();
});

function saved(result: ReturnType<CurationService['add']>) {
  if (result.status !== 'saved') throw new Error(`expected saved, got ${JSON.stringify(result)}`);
  return result.record;
}

describe('CurationService', () => {
  it('adds an entry that the next question finds, in its own server only', () => {
    const record = saved(curation.add(A, migration, ana));
    const answer = engine.ask('why did discord leave cassandra', { guildId: A });
    expect(answer.status).toBe('answered');
    expect(answer.entry?.id).toBe(record.entryId);
    expect(answer.entry?.askedBy).toBe('Ana');
    expect(answer.entry?.technologies).toEqual(expect.arrayContaining(['scylladb', 'cassandra']));
    expect(engine.ask('why did discord leave cassandra', { guildId: B }).entry?.id).not.toBe(record.entryId);
    expect(curation.target(B, record.entryId)).toBeUndefined();
    expect(curation.edit(B, record.entryId, 1, { ...migration, answer: 'hijacked' }, bo).status).toBe('not_found');
  });

  it('refuses empty, over-long and unknown-tag content with sentences, and writes nothing', () => {
    const result = curation.add(
      A,
      { ...migration, question: ' ', answer: 'x'.repeat(4001), tags: ['Nonsense DB'], sources: ['not a url'] },
      ana,
    );
    expect(result.status).toBe('invalid');
    const problems = result.status === 'invalid' ? result.problems.join('\n') : '';
    expect(problems).toMatch(/question is empty/);
    expect(problems).toMatch(/answer is 4001 characters; the limit is 4000/);
    // A tag the shared catalog lacks is no problem in a server (its own company or tool).
    expect(problems).not.toMatch(/Nonsense DB/);
    expect(problems).toMatch(/not a url/);
    expect(store.entries.list(A)).toEqual([]);
  });

  it("tags with a server's own company: saved, found by that tag in that server only", () => {
    const own = {
      ...migration,
      question: 'Which queue does Acme Corp run for orders?',
      answer: 'RabbitMQ, per its wiki.',
      phrasings: [],
      tags: ['Acme Corp'],
    };
    const record = saved(curation.add(A, own, ana));
    expect(curation.localTags(record.content)).toEqual(['Acme Corp']);
    expect(engine.entry(record.entryId)?.localTags).toEqual(['Acme Corp']);
    expect(engine.ask('acme corp orders queue', { guildId: A }).entry?.id).toBe(record.entryId);
    expect(engine.ask('acme corp orders queue', { guildId: B }).entry?.id).not.toBe(record.entryId);
  });

  it('offers the existing entry when a question duplicates one', () => {
    const result = curation.add(A, { ...migration, question: 'Does Netflix use Apache Spark?' }, ana);
    expect(result.status).toBe('duplicate');
    expect(result.status === 'duplicate' && result.existing.question).toBe('Does Netflix use Apache Spark?');
    const sameIntent = curation.add(A, { ...migration, question: 'Is Apache Spark used at Netflix?' }, ana);
    expect(sameIntent.status).toBe('duplicate');
  });

  it('finds a duplicate by its words in any order, and lets a question that asks more through', () => {
    const record = saved(curation.add(A, migration, ana));
    const reordered = curation.add(A, { ...migration, question: 'Cassandra to ScyllaDB: why did Discord move?' }, bo);
    expect(reordered.status === 'duplicate' && reordered.existing.id).toBe(record.entryId);
    const byPhrasing = curation.add(A, { ...migration, question: 'Why did Discord leave Cassandra', phrasings: [] }, bo);
    expect(byPhrasing.status === 'duplicate' && byPhrasing.existing.id).toBe(record.entryId);
    expect(
      curation.add(A, { ...migration, question: 'Why did Discord move from Cassandra to ScyllaDB in 2023?', phrasings: [] }, bo).status,
    ).toBe('saved');
    // Another server's entry is no duplicate here.
    expect(curation.add(B, migration, bo).status).toBe('saved');
  });

  it('refuses an edit based on an older revision and says which fields changed meanwhile', () => {
    const record = saved(curation.add(A, migration, ana));
    const first = curation.edit(A, record.entryId, 1, { ...migration, answer: 'Ana’s newer answer.' }, ana);
    expect(first.status).toBe('saved');
    const second = curation.edit(A, record.entryId, 1, { ...migration, sources: [] }, bo);
    expect(second).toMatchObject({ status: 'conflict', changed: ['answer'] });
    expect(store.entries.get(record.entryId)?.content.answer).toBe('Ana’s newer answer.');
    expect(store.entries.get(record.entryId)?.content.sources).toEqual(migration.sources);
  });

  it('removes an entry, and undoes the removal by restoring the revision before it', () => {
    const record = saved(curation.add(A, migration, ana));
    const removed = saved(curation.remove(A, record.entryId, 1, ana));
    expect(engine.ask(migration.question, { guildId: A }).entry?.id).not.toBe(record.entryId);
    expect(curation.target(A, record.entryId)).toBeUndefined();
    saved(curation.restore(A, record.entryId, removed.revision - 1, removed.revision, bo));
    expect(engine.ask(migration.question, { guildId: A }).entry?.id).toBe(record.entryId);
    expect(store.entries.revisions(record.entryId).map((revision) => [revision.revision, revision.action, revision.author.name])).toEqual([
      [3, 'restore', 'Bo'],
      [2, 'remove', 'Ana'],
      [1, 'add', 'Ana'],
    ]);
  });

  it('lets a server replace or hide a shipped entry for itself, leaving other servers alone', () => {
    const shipped = engine.ask('Does Netflix use Apache Spark?').entry!;
    const replaced = saved(
      curation.edit(
        A,
        shipped.id,
        0,
        { ...curation.contentOf({ kind: 'shipped', entry: shipped }), answer: 'Our server says: yes, for ETL.' },
        ana,
      ),
    );
    expect(replaced.overrides).toBe(shipped.id);
    expect(engine.ask('Does Netflix use Apache Spark?', { guildId: A }).entry?.answer).toBe('Our server says: yes, for ETL.');
    expect(engine.ask('Does Netflix use Apache Spark?', { guildId: B }).entry?.id).toBe(shipped.id);
    // The shipped id now leads to the server's copy.
    expect(curation.target(A, shipped.id)).toMatchObject({ kind: 'server', record: { entryId: replaced.entryId } });

    saved(curation.remove(A, replaced.entryId, replaced.revision, ana));
    expect(engine.ask('Does Netflix use Apache Spark?', { guildId: A }).entry?.id).not.toBe(shipped.id);
    expect(engine.visibleEntry(shipped.id, { guildId: A })).toBeUndefined();
    expect(engine.ask('Does Netflix use Apache Spark?', { guildId: B }).entry?.id).toBe(shipped.id);
  });

  it('adds an unanswered question as a phrasing and takes it off the queue in the same change', () => {
    const record = saved(curation.add(A, migration, ana));
    store.unanswered.record(A, 'What made Discord drop Cassandra?', 'unsure', 'Cy');
    const [queued] = store.unanswered.list(A);
    saved(curation.addPhrasing(A, record.entryId, queued!.question, bo, [queued!.id]));
    expect(store.unanswered.list(A)).toEqual([]);
    expect(engine.ask('What made Discord drop Cassandra?', { guildId: A }).entry?.id).toBe(record.entryId);
  });

  it('rebuilds a fresh engine from the store (restart or corpus reload)', async () => {
    const record = saved(curation.add(A, migration, ana));
    const shipped = engine.ask('Does Netflix use Apache Spark?').entry!;
    saved(curation.remove(A, shipped.id, 0, ana));
    const fresh = await fixtureEngine();
    runNow(new CurationService(store, () => fresh).applyAll(fresh));
    expect(fresh.ask(migration.question, { guildId: A }).entry?.id).toBe(record.entryId);
    expect(fresh.visibleEntry(shipped.id, { guildId: A })).toBeUndefined();
    expect(fresh.visibleEntry(shipped.id, { guildId: B })?.id).toBe(shipped.id);
  });
});

describe('limits', () => {
  it('refuses an entry past the per-server limit, with the numbers, and lets another server add', () => {
    const limited = new CurationService(store, () => engine, { entriesPerServer: 1, entriesPerImport: 10 });
    expect(limited.add(A, migration, ana).status).toBe('saved');
    const refused = limited.add(A, { ...migration, question: 'Which proxy does Discord run in front of its API?' }, ana);
    expect(refused).toEqual({
      status: 'invalid',
      problems: [expect.stringMatching(/^This server has 1 entries; the limit is 1\. .*MAX_SERVER_ENTRIES/)],
    });
    expect(limited.add(B, migration, bo).status).toBe('saved');
  });

  it('refuses an import over its entry limit or past the server limit, with the numbers', async () => {
    const { planImport } = await import('../../src/curation/import-export.js');
    const { readBundle } = await import('../../src/corpus/bundle.js');
    const bundle = (count: number) =>
      readBundle(
        'file.yaml',
        `entries:\n${Array.from({ length: count }, (_, index) => `  - question: Which queue does Discord use for job ${index}?\n    answer: An answer.\n`).join('')}`,
      );
    const limited = new CurationService(store, () => engine, { entriesPerServer: 3, entriesPerImport: 4 });
    expect((await planImport(limited, A, 'big.yaml', bundle(5))).problems).toEqual([
      'big.yaml: the file has 5 entries; an import may carry at most 4',
    ]);
    expect((await planImport(limited, A, 'more.yaml', bundle(4))).problems).toEqual([
      'more.yaml: importing would give this server 4 entries (0 now, 4 new); the limit is 3',
    ]);
    expect((await planImport(limited, A, 'ok.yaml', bundle(3))).problems).toEqual([]);
  });
});
