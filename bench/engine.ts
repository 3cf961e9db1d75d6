/**
 * npm run bench [-- --sizes 10000,50000,200000]
 * Per corpus (the shipped one, then synthetic ones of these sizes): build time, the time to restore it
 * from its snapshot, heap after GC with only the restored engine held, and median and p99 times to
 * answer and to suggest, the empty autocomplete included. Next to each, a plain MiniSearch index over
 * the same entries queried with the same text in the same run (OR of the words for answers; AND with the
 * last word as a prefix for suggestions; no fuzzy), and the ratio. A last row: a question
 * in one server while another server holds 10,000 entries of its own (the noisy neighbour).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.js';
import type { Corpus, Entry } from '../src/corpus/types.js';
import { AnswerEngine } from '../src/search/engine.js';
import { engineOptions } from '../src/search/options.js';
import { decodeRecord, encodeRecord, SnapshotAssembler, toRecords } from '../src/search/snapshot.js';
import { ms, summarizeTimes } from './stats.js';
import { random, synthetic } from './synthetic.js';

const QUESTIONS_PER_RUN = 2_000;
const EMPTY_SUGGESTS = 200;
/**
 * The plain peer walks every entry for common words (seconds a question at 200,000 entries): fewer
 * questions keep the run short, 500 up to 50,000 entries and proportionally fewer above.
 */
const peerQuestions = (entries: number) => Math.max(100, Math.min(500, Math.round(25_000_000 / entries)));
const NEIGHBOUR_ENTRIES = 10_000;
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,50000' } } });
const SIZES = values.sizes.split(',').filter(Boolean).map(Number);

function sampleQuestions(entries: readonly Entry[], count: number): string[] {
  const next = random(7);
  const extra = ['Does Netflix use Rust?', 'How much does Netflix cost?', 'Which database does Discord use?', 'k8s at spotify'];
  return Array.from({ length: count }, (_, index) => {
    if (index % 10 === 0) return extra[(index / 10) % extra.length]!;
    const entry = entries[Math.floor(next() * entries.length)]!;
    return index % 3 === 0 ? (entry.phrasings[0] ?? entry.question) : entry.question;
  });
}

/** Median and p99 of `run` over the inputs, after a warm-up on the first `warmUp`. */
function timed<T>(inputs: readonly T[], run: (input: T) => unknown, warmUp = 200) {
  for (const input of inputs.slice(0, warmUp)) run(input);
  return summarizeTimes(
    inputs.map((input) => {
      const start = performance.now();
      run(input);
      return performance.now() - start;
    }),
  );
}

const heapMb = () => {
  global.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Builds the engine, then restores it from its snapshot's records, as a start with unchanged files does. */
async function buildAndRestore(corpus: Corpus): Promise<{ engine: AnswerEngine; buildMs: number; restoreMs: number }> {
  let started = performance.now();
  const built = AnswerEngine.create(corpus, engineOptions());
  const buildMs = performance.now() - started;
  const records = [...toRecords(built.snapshot())].map(encodeRecord);
  started = performance.now();
  const assembler = new SnapshotAssembler();
  for (const record of records) assembler.add(decodeRecord(record));
  const engine = await AnswerEngine.restore(assembler.finish(), engineOptions());
  return { engine, buildMs, restoreMs: performance.now() - started };
}

/** The peer: MiniSearch with its defaults over question, phrasings and answer. */
function plainIndex(entries: readonly Entry[]): MiniSearch<Entry> {
  const index = new MiniSearch<Entry>({
    fields: ['question', 'phrasings', 'answer'],
    extractField: (entry, field) => (field === 'phrasings' ? entry.phrasings.join('\n') : String(entry[field as keyof Entry] ?? '')),
  });
  index.addAll(entries);
  return index;
}

const ratio = (ours: number, theirs: number) => `x${(ours / theirs).toFixed(2)}`;

async function measure(label: string, corpus: Corpus): Promise<void> {
  const baseline = heapMb();
  // Only the restored engine stays alive, as in the bot.
  const { engine, buildMs, restoreMs } = await buildAndRestore(corpus);
  const heap = heapMb() - baseline;
  const entries = engine.entries();

  const questions = sampleQuestions(entries, QUESTIONS_PER_RUN);
  const partials = questions.map((question) => question.slice(0, Math.max(3, Math.floor(question.length / 2))));
  const answer = timed(questions, (question) => engine.ask(question));
  const suggest = timed(partials, (partial) => engine.suggest(partial));
  const empty = timed(
    Array.from({ length: EMPTY_SUGGESTS }, () => ''),
    () => engine.suggest(''),
  );

  const started = performance.now();
  const peer = plainIndex(entries);
  const peerBuildMs = performance.now() - started;
  const peerCount = peerQuestions(entries.length);
  const peerWarmUp = Math.round(peerCount / 10);
  const peerAnswer = timed(questions.slice(0, peerCount), (question) => peer.search(question).slice(0, 20), peerWarmUp);
  const peerSuggest = timed(
    partials.slice(0, peerCount),
    (partial) => peer.search(partial, { prefix: true, combineWith: 'AND' }).slice(0, 25),
    peerWarmUp,
  );

  console.log(
    `| ${label} | ${engine.size} | ${(buildMs / 1000).toFixed(2)} s (${ratio(buildMs, peerBuildMs)}) | ${(restoreMs / 1000).toFixed(2)} s | ` +
      `${heap.toFixed(0)} MB | ${ms(answer.median)} | ${ms(answer.p99)} (${ratio(answer.p99, peerAnswer.p99)}) | ` +
      `${ms(suggest.median)} | ${ms(suggest.p99)} (${ratio(suggest.p99, peerSuggest.p99)}) | ${ms(empty.p99)} |`,
  );
  console.log(
    `| plain MiniSearch | ${entries.length} | ${(peerBuildMs / 1000).toFixed(2)} s | | | ${ms(peerAnswer.median)} | ${ms(peerAnswer.p99)} | ` +
      `${ms(peerSuggest.median)} | ${ms(peerSuggest.p99)} | |`,
  );
}

/** A question in server B, alone and while server A holds 10,000 entries of its own. */
function noisyNeighbour(corpus: Corpus): void {
  const engine = AnswerEngine.create(corpus, engineOptions());
  const inB = { guildId: 'B' };
  const questions = sampleQuestions(engine.entries(), QUESTIONS_PER_RUN);
  const alone = timed(questions, (question) => engine.ask(question, inB));
  const grown = synthetic(corpus, corpus.entries.length + NEIGHBOUR_ENTRIES).entries.slice(corpus.entries.length);
  for (const entry of grown) engine.upsert({ ...entry, id: `s-${entry.id}`, origin: 'server', guildId: 'A' });
  const crowded = timed(questions, (question) => engine.ask(question, inB));
  console.log(
    `noisy neighbour: /ask in server B, median ${ms(alone.median)} / p99 ${ms(alone.p99)} alone; ` +
      `median ${ms(crowded.median)} / p99 ${ms(crowded.p99)} with ${NEIGHBOUR_ENTRIES.toLocaleString('en')} entries in server A`,
  );
}

const { corpus, problems } = await loadCorpus(path.resolve('corpus'));
if (problems.length) console.log(`(the shipped corpus has ${problems.length} problem(s); run npm run corpus:check)`);
console.log(
  `Node ${process.version}, ${QUESTIONS_PER_RUN} questions per corpus${global.gc ? '' : ' (heap is approximate: run with --expose-gc)'}; ` +
    '(xN) is the ratio to plain MiniSearch on the same entries, in the same run',
);
console.log(
  '| corpus | entries | build | restore from snapshot | heap | answer median | answer p99 | suggest median | suggest p99 | empty suggest p99 |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
await measure('shipped', corpus);
for (const size of SIZES) await measure(`synthetic ${size.toLocaleString('en')}`, synthetic(corpus, size));
noisyNeighbour(corpus);
