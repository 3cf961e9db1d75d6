import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusWorker } from '../../src/corpus/corpus-worker.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { LiveEngine } from '../../src/curation/live-engine.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { engineOptions } from '../../src/search/options.js';
import { decodeRecord, encodeRecord, SnapshotAssembler, toRecords } from '../../src/search/snapshot.js';
import { snapshotKey, writeSnapshot } from '../../src/search/snapshot-file.js';
import { snapshotFileIn } from '../../src/search/snapshot-path.js';
import { Store } from '../../src/store/index.js';
import { loadEvalCases } from '../eval/eval.js';
import { LogCapture } from '../helpers/bot-harness.js';
import { copyOfFixture, SHIPPED_CORPUS } from '../helpers/fixture.js';

/** What people see from an engine for a question: the answer, the alternatives, suggestions and related questions. */
function behaviour(engine: AnswerEngine, question: string) {
  const result = engine.ask(question);
  return {
    status: result.status,
    entry: result.entry?.id,
    answer: result.entry?.answer,
    confidence: result.confidence,
    alternatives: result.alternatives.map((summary) => summary.id),
    related: result.related.map((summary) => summary.id),
    suggestions: engine.suggest(question.slice(0, Math.ceil(question.length / 2))).map((summary) => summary.id),
  };
}

describe('an engine restored from its snapshot', () => {
  it('answers, suggests and relates every eval question exactly as the engine it was taken from', async () => {
    const { corpus } = await loadCorpus(SHIPPED_CORPUS);
    const options = engineOptions();
    const built = AnswerEngine.create(corpus, options);
    const assembler = new SnapshotAssembler();
    for (const record of toRecords(built.snapshot())) assembler.add(decodeRecord(encodeRecord(record)));
    const restored = await AnswerEngine.restore(assembler.finish(), options);
    expect(restored.size).toBe(built.size);
    const questions = loadEvalCases().map((evalCase) => evalCase.q);
    expect(questions.length).toBeGreaterThan(100);
    for (const question of questions) expect(behaviour(restored, question), question).toEqual(behaviour(built, question));
    expect(restored.suggest('')).toEqual(built.suggest(''));
    expect(restored.findCompany('netflx')?.slug).toBe('netflix');
  });
});

describe('snapshot records', () => {
  it('read back the same from bytes at any offset of a larger buffer, as the file hands them over', async () => {
    const { corpus } = await loadCorpus(SHIPPED_CORPUS);
    const records = [...toRecords(AnswerEngine.create(corpus, engineOptions()).snapshot())];
    expect(records.filter((record) => record.kind === 'entrySearchTerms').length).toBeGreaterThan(0);
    for (const record of records) {
      const bytes = encodeRecord(record);
      // One byte in: a record in the file rarely starts on a 4-byte boundary.
      const shifted = Buffer.concat([Buffer.from([0]), bytes]).subarray(1);
      expect(decodeRecord(shifted)).toEqual(record);
    }
  });

  it('throw, rather than restore wrong terms, when a block of postings is cut short', async () => {
    const { corpus } = await loadCorpus(SHIPPED_CORPUS);
    const records = [...toRecords(AnswerEngine.create(corpus, engineOptions()).snapshot())].map(encodeRecord);
    const assembler = new SnapshotAssembler();
    for (const [index, bytes] of records.entries()) {
      const record = decodeRecord(bytes);
      if (record.kind === 'entrySearchTerms' && index === records.findIndex((other) => decodeRecord(other).kind === 'entrySearchTerms')) {
        record.block.postings = record.block.postings.subarray(0, record.block.postings.length - 2);
      }
      assembler.add(record);
    }
    await expect(AnswerEngine.restore(assembler.finish(), engineOptions())).rejects.toThrow(/term block ends early|left over/);
  });
});

describe('the snapshot file in DATA_DIR', () => {
  let corpus: Awaited<ReturnType<typeof copyOfFixture>>;
  let dataDir: string;
  let store: Store;
  let logs: LogCapture;
  const snapshotFile = () => snapshotFileIn(dataDir);

  beforeEach(async () => {
    corpus = await copyOfFixture();
    dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-snapshot-'));
    store = Store.open(dataDir);
  });
  afterEach(async () => {
    store.close();
    await rm(dataDir, { recursive: true, force: true });
    await corpus.cleanup();
  });

  /** Starts the live engine as the bot does, and says how its index was had: "loaded" or "rebuilt: why". */
  async function start(engine: Parameters<typeof engineOptions>[0] = {}): Promise<string> {
    logs = new LogCapture();
    const live = await LiveEngine.load(corpus.dir, store, pino({ level: 'debug' }, logs.stream), { snapshotFile: snapshotFile(), engine });
    try {
      expect(live.current.ask('Does Netflix use Apache Kafka?').entry?.question).toBe('Does Netflix use Apache Kafka?');
      return String(logs.find('engine ready')[0]?.snapshot);
    } finally {
      await live.close();
    }
  }

  it('is written by the first start and loaded by the next', async () => {
    expect(await start()).toBe('rebuilt: no snapshot yet');
    expect(await start()).toBe('loaded');
  });

  it('is read while the rest of the bot loads, when the worker is started with its folders', async () => {
    await start();
    CorpusWorker.prewarm({ corpusDir: corpus.dir, dataDir });
    expect(await start()).toBe('loaded');
    expect(logs.find('engine ready')[0]?.readAhead).toBe(true);
    // Only once: a later load (a reload, say) reads the file again.
    expect(await start()).toBe('loaded');
    expect(logs.find('engine ready')[0]?.readAhead).toBeUndefined();
  });

  it('is rebuilt when a corpus file changes, is added or is removed', async () => {
    await start();
    const file = path.join(corpus.dir, 'companies/netflix.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}\n# a comment\n`);
    expect(await start()).toBe('rebuilt: the corpus files, options or engine changed');
    expect(await start()).toBe('loaded');
    await corpus.write('questions/extra/extra.md', '---\nquestion: What is an extra?\ntags: [Netflix]\n---\nAn extra.\n');
    expect(await start()).toMatch(/^rebuilt: the corpus files/);
    await rm(path.join(corpus.dir, 'questions/extra/extra.md'));
    expect(await start()).toMatch(/^rebuilt: the corpus files/);
  });

  it('is rebuilt when the engine options change', async () => {
    await start();
    expect(await start({ answerThreshold: 0.71 })).toMatch(/^rebuilt: the corpus files, options or engine changed/);
    expect(await start({ answerThreshold: 0.71 })).toBe('loaded');
    expect(await start({ currentYear: 2031 })).toMatch(/^rebuilt/);
  });

  it('is rebuilt when the file is damaged, truncated or not a snapshot at all', async () => {
    await start();
    const bytes = await readFile(snapshotFile());
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    await writeFile(snapshotFile(), bytes);
    expect(await start()).toBe('rebuilt: damaged: checksum mismatch');
    expect(await start()).toBe('loaded');
    await truncate(snapshotFile(), 1000);
    expect(await start()).toMatch(/^rebuilt: truncated/);
    await writeFile(snapshotFile(), 'hello');
    expect(await start()).toBe('rebuilt: not a snapshot file');
    expect(await start()).toBe('loaded');
  });

  it('is rebuilt when it checks but will not restore (written by a faulty version), with a warning', async () => {
    const key = await snapshotKey(corpus.dir, engineOptions());
    await writeSnapshot(snapshotFile(), key, [new TextEncoder().encode('{"kind":"nonsense"}')], { problems: [], fellBack: [] });
    expect(await start()).toBe('rebuilt: its contents would not restore');
    expect(logs.find('index snapshot would not restore: rebuilding it')).toHaveLength(1);
    expect(await start()).toBe('loaded');
  });
});
