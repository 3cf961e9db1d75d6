import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { CorpusWatch } from '../../src/corpus/watch.js';
import { LiveEngine } from '../../src/curation/live-engine.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { Store } from '../../src/store/index.js';
import { ownsGuild } from '../../src/store/shards.js';
import { LogCapture } from '../helpers/bot-harness.js';
import { copyOfFixture } from '../helpers/fixture.js';

/** Polls until `check` passes, for at most 5 s; the watcher's debounce is 50 ms here. */
async function eventually(check: () => void): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      check();
      return;
    } catch (error) {
      lastError = error;
      await delay(50);
    }
  }
  throw lastError;
}

let corpus: Awaited<ReturnType<typeof copyOfFixture>>;
let store: Store;
let dataDir: string;
let live: LiveEngine;
let watch: CorpusWatch | undefined;
let logs: LogCapture;

beforeEach(async () => {
  corpus = await copyOfFixture();
  dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-live-'));
  store = Store.open(dataDir);
  logs = new LogCapture();
  const logger = pino({ level: 'debug', base: undefined }, logs.stream);
  live = await LiveEngine.load(corpus.dir, store, logger);
  watch = await live.watch(corpus.dir, logger, 50);
});
afterEach(async () => {
  await watch?.close();
  await live.close();
  store.close();
  await rm(dataDir, { recursive: true, force: true });
  await corpus.cleanup();
});

const DATABASE_FILE = 'questions/netflix/netflix-database.md';
const answerTo = (question: string, guildId?: string) => live.current.ask(question, guildId ? { guildId } : {}).entry?.answer;

describe('the live corpus', () => {
  it('swaps in a fresh engine with every server entry, including one written while it was being filled', async () => {
    const ana = { id: '1', name: 'Ana' };
    const before = {
      question: 'Why did Discord move from Cassandra to ScyllaDB?',
      answer: 'GC pauses.',
      phrasings: [],
      tags: ['Discord'],
      sources: [],
    };
    live.curation.add('g1', before, ana);
    const fresh = await AnswerEngine.build((await loadCorpus(corpus.dir)).corpus);
    const swapping = live.replace(fresh);
    // The swap has read the store; this add reaches the current engine and must reach the fresh one too.
    const during = { ...before, question: 'How does Discord store read states?', answer: 'In Rust services.', phrasings: [] };
    expect(live.curation.add('g1', during, ana).status).toBe('saved');
    expect(live.current).not.toBe(fresh);
    expect(answerTo(during.question, 'g1')).toBe('In Rust services.');
    await swapping;
    expect(live.current).toBe(fresh);
    expect(answerTo(before.question, 'g1')).toBe('GC pauses.');
    expect(answerTo(during.question, 'g1')).toBe('In Rust services.');
  });

  it("loads only its own shard's servers' entries in a shard process", async () => {
    const ana = { id: '1', name: 'Ana' };
    // (id >> 22) % 2: shard 0 and shard 1 of two.
    const [onZero, onOne] = [String(4194304n * 10n), String(4194304n * 11n)];
    const entry = (answer: string) => ({
      question: 'Why did Discord move from Cassandra to ScyllaDB?',
      answer,
      phrasings: [],
      tags: ['Discord'],
      sources: [],
    });
    live.curation.add(onZero, entry('Shard zero.'), ana);
    live.curation.add(onOne, entry('Shard one.'), ana);
    const logger = pino({ level: 'silent' });
    const shardOne = await LiveEngine.load(corpus.dir, store, logger, { owns: (guildId) => ownsGuild({ ids: [1], count: 2 }, guildId) });
    try {
      expect(shardOne.current.ask('Why did Discord move from Cassandra to ScyllaDB?', { guildId: onOne }).entry?.answer).toBe('Shard one.');
      expect(shardOne.current.ask('Why did Discord move from Cassandra to ScyllaDB?', { guildId: onZero }).entry?.answer).not.toBe(
        'Shard zero.',
      );
    } finally {
      await shardOne.close();
    }
  });

  it('picks up an edited file without a restart, keeping every server entry', async () => {
    live.curation.add(
      'g1',
      { question: 'Why did Discord move from Cassandra to ScyllaDB?', answer: 'GC pauses.', phrasings: [], tags: ['Discord'], sources: [] },
      { id: '1', name: 'Ana' },
    );
    const text = await readFile(path.join(corpus.dir, DATABASE_FILE), 'utf8');
    // A burst of saves, as editors do.
    for (const version of [1, 2, 3])
      await corpus.write(DATABASE_FILE, text.replace(/Netflix uses several:.*/, `Version ${version}: Cassandra.`));
    await eventually(() => expect(answerTo('Which database does Netflix use?')).toBe('Version 3: Cassandra.'));
    expect(answerTo('Why did Discord move from Cassandra to ScyllaDB?', 'g1')).toBe('GC pauses.');
    expect(logs.find('corpus reloaded').length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the last good version of a file that breaks, and logs why', async () => {
    const before = answerTo('Which database does Netflix use?');
    await corpus.write(DATABASE_FILE, '---\nid: netflix-database\nquestion: [unclosed\n---\nBroken.');
    await eventually(() => expect(logs.find('corpus file has problems: keeping its last good version').length).toBeGreaterThan(0));
    const logged = logs.find('corpus file has problems: keeping its last good version')[0]!;
    expect(String(logged.file)).toContain('netflix-database.md');
    expect(answerTo('Which database does Netflix use?')).toBe(before);
  });

  it('adds new files and drops deleted ones', async () => {
    await corpus.write(
      'questions/netflix/netflix-chaos.md',
      '---\nid: netflix-chaos-monkey\nquestion: What is Chaos Monkey at Netflix?\ntags: [Netflix]\n---\nA tool that randomly terminates instances in production.',
    );
    await eventually(() => expect(answerTo('What is Chaos Monkey at Netflix?')).toMatch(/randomly terminates/));
    await rm(path.join(corpus.dir, 'questions/netflix/netflix-chaos.md'));
    await eventually(() => expect(live.current.entry('netflix-chaos-monkey')).toBeUndefined());
  });

  it('ignores files that are not corpus files', async () => {
    const reloads = logs.find('corpus reloaded').length;
    await corpus.write('questions/.netflix-database.md.swp', 'editor state');
    await corpus.write('questions/notes.txt', 'not a corpus file');
    await delay(300);
    expect(logs.find('corpus reloaded').length).toBe(reloads);
  });

  it('stops reloading once closed', async () => {
    await watch!.close();
    const reloads = logs.find('corpus reloaded').length;
    const text = await readFile(path.join(corpus.dir, DATABASE_FILE), 'utf8');
    await corpus.write(DATABASE_FILE, text.replace(/Netflix uses several:.*/, 'After close.'));
    await delay(300);
    expect(logs.find('corpus reloaded').length).toBe(reloads);
    expect(answerTo('Which database does Netflix use?')).not.toBe('After close.');
    watch = undefined;
  });
});
