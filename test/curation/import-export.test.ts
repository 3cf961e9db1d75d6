import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from '../../src/corpus/bundle.js';
import { applyImport, exportEntries, type ImportPlan, importSummary, planImport, resumeImports } from '../../src/curation/import-export.js';
import type { CurationService } from '../../src/curation/service.js';
import type { AnswerEngine } from '../../src/search/engine.js';
import type { Store } from '../../src/store/index.js';
import { type CurationFixture, curationFixture } from '../helpers/curation.js';

const A = 'guild-a';
const B = 'guild-b';
const ana = { id: '1001', name: 'Ana' };
const bo = { id: '1002', name: 'Bo' };

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

function seedServerA() {
  curation.add(
    A,
    {
      question: 'Why did Discord move from Cassandra to ScyllaDB?',
      answer: 'GC pauses.\n\n- tail latency\n- compaction',
      phrasings: ['Why did Discord leave Cassandra?'],
      tags: ['Discord', 'ScyllaDB'],
      sources: ['https://discord.com/blog'],
    },
    ana,
  );
  curation.add(
    A,
    {
      question: 'How big is the Discord engineering team?',
      answer: 'A few hundred: "small teams".',
      phrasings: [],
      tags: ['Discord'],
      sources: [],
    },
    ana,
  );
  const shipped = engine.ask('Does Netflix use Apache Spark?').entry!;
  curation.edit(A, shipped.id, 0, { ...curation.contentOf({ kind: 'shipped', entry: shipped }), answer: 'Server A says yes.' }, ana);
  return shipped;
}

const contents = (guildId: string) =>
  store.entries
    .list(guildId)
    .filter((record) => !record.removed)
    .map((record) => ({ overrides: record.overrides, ...record.content, askedBy: undefined }))
    .sort((a, b) => a.question.localeCompare(b.question));

/** The dry run as /faq import makes it. */
const dryRun = (guildId: string, file: string, text: string) => planImport(curation, guildId, file, readBundle(file, text));

/** The curator's confirmation: the plan waits in the store, then is applied. */
function confirm(guildId: string, plan: ImportPlan, author = ana) {
  const id = store.pendingImports.save(guildId, author.id, plan);
  return applyImport(store, curation, store.pendingImports.get<ImportPlan>(guildId, id)!, author);
}

describe('export and import', () => {
  it('round-trips: export from one server, import into another, and both hold the same entries', async () => {
    const shipped = seedServerA();
    const exported = await exportEntries(store, A, 'Stackwise FAQ entries of "A"', async (entries, heading) =>
      writeBundle(entries, heading),
    );
    expect(exported.count).toBe(3);
    expect(exported.text).toMatch(/^# Stackwise FAQ entries of "A"/);
    expect(exported.text).toContain(`id: ${shipped.id}`);

    const { plan, problems } = await dryRun(B, 'a.yaml', exported.text);
    expect(problems).toEqual([]);
    expect(importSummary(plan!)).toEqual({ add: 2, update: 0, replace: 1, unchanged: 0 });
    expect(store.entries.list(B)).toEqual([]); // a dry run writes nothing
    expect(await confirm(B, plan!, bo)).toEqual({ status: 'saved', written: 3, skipped: 0 });
    expect(store.pendingImports.applying()).toEqual([]);

    expect(contents(B)).toEqual(contents(A));
    // The entries show who asked them in server A (Ana), not who imported them (Bo).
    expect(engine.ask('why did discord leave cassandra', { guildId: B }).entry?.askedBy).toBe('Ana');
    expect(engine.ask('Does Netflix use Apache Spark?', { guildId: B }).entry?.answer).toBe('Server A says yes.');
    expect(engine.ask('why did discord leave cassandra', { guildId: B }).entry?.guildId).toBe(B);
    // Importing the same file into its own server changes nothing.
    expect(importSummary((await dryRun(A, 'a.yaml', exported.text)).plan!)).toEqual({ add: 0, update: 0, replace: 0, unchanged: 3 });
  });

  it('refuses a malformed file with every problem and its line, and changes nothing', async () => {
    seedServerA();
    const before = JSON.stringify(store.entries.all());
    const text = [
      'entries:',
      '  - question: Does Discord use Elixir for its gateway?',
      '    tags: [Discord, Nonsense DB]',
      '    answer: Yes.',
      '  - question: ""',
      '    answer: Missing question.',
      '  - question: Why did Discord move from Cassandra to ScyllaDB?',
      '    answer: A copy.',
      '    colour: blue',
    ].join('\n');
    const { plan, problems } = await dryRun(A, 'bad.yaml', text);
    expect(plan).toBeUndefined();
    expect(problems.join('\n')).toMatch(/bad\.yaml:5: missing question/);
    expect(problems.join('\n')).toMatch(/bad\.yaml:9: unknown field "colour"/);
    // A tag the shared catalog lacks is a server's own: no problem.
    expect((await dryRun(A, 'bad.yaml', text.split('\n').slice(0, 4).join('\n'))).problems).toEqual([]);
    expect(
      (await dryRun(A, 'dup.yaml', 'entries:\n  - question: Does Netflix use Apache Spark?\n    answer: again\n')).problems.join('\n'),
    ).toMatch(/asks the same as the existing entry "Does Netflix use Apache Spark\?"/);
    expect((await dryRun(A, 'x.yaml', 'just: text')).problems.join('\n')).toMatch(/expected a YAML mapping with an "entries:" list/);
    expect((await dryRun(A, 'x.yaml', 'entries: [')).problems.join('\n')).toMatch(/x\.yaml:1: YAML/);
    expect(JSON.stringify(store.entries.all())).toBe(before);
  });

  it('applies all or nothing: an entry changed since the dry run refuses the whole import', async () => {
    seedServerA();
    const exported = await exportEntries(store, A, 'A', async (entries, heading) => writeBundle(entries, heading));
    const edited = exported.text.replace('A few hundred', 'About five hundred').replace('GC pauses.', 'Garbage collection.');
    const { plan } = await dryRun(A, 'a.yaml', edited);
    expect(importSummary(plan!)).toEqual({ add: 0, update: 2, replace: 0, unchanged: 1 });
    const team = store.entries.list(A).find((record) => record.content.question.startsWith('How big'))!;
    curation.edit(A, team.entryId, team.revision, { ...team.content, answer: 'Changed meanwhile.' }, ana);
    const before = JSON.stringify(store.entries.all());
    expect(await confirm(A, plan!)).toEqual({ status: 'conflict' });
    expect(JSON.stringify(store.entries.all())).toBe(before);
  });

  it('finishes at the next start an import a crash interrupted, writing each entry once', async () => {
    const text = [
      'entries:',
      ...[1, 2, 3].flatMap((n) => [`  - question: How does Discord deploy service number ${n}?`, `    answer: Answer ${n}.`]),
    ].join('\n');
    const { plan } = await dryRun(A, 'three.yaml', text);
    const id = store.pendingImports.save(A, ana.id, plan!);
    // The process died after confirming and writing the first entry.
    expect(store.pendingImports.startApplying(id, ana)).toBe(true);
    const [first] = plan!.items;
    store.entries.write({
      entryId: first!.entryId,
      guildId: A,
      baseRevision: 0,
      action: 'import',
      content: first!.content,
      removed: false,
      overrides: null,
      author: ana,
      now: 1,
    });
    // A second click on Confirm is no second import.
    expect(await applyImport(store, curation, store.pendingImports.get<ImportPlan>(A, id)!, ana)).toEqual({ status: 'applying' });

    await resumeImports(store, curation, pino({ level: 'silent' }));
    expect(store.entries.list(A).map((record) => [record.content.question, record.revision])).toEqual(
      plan!.items.map((item) => [item.content.question, 1]),
    );
    expect(store.pendingImports.applying()).toEqual([]);
    expect(engine.ask('How does Discord deploy service number 3?', { guildId: A }).entry?.answer).toBe('Answer 3.');
  });
});
