/**
 * npm run bench:stackfaq [-- --split dev|test]
 *
 * StackFAQ (Karan & Šnajder, "Paraphrase-focused learning to rank for domain-specific frequently
 * asked questions retrieval", Expert Systems with Applications 91, 2018): 125 StackExchange (Web
 * Applications) FAQ entries and about 10 human paraphrases each. Text under CC BY-SA.
 * Indexes the entries, asks every query, and reports P@1 and MRR for our engine and for
 * MiniSearch with default options, in the same run. Tune on dev; report test.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import type { Entry } from '../src/corpus/types.js';
import { parseWordsFile } from '../src/corpus/words-file.js';
import { AnswerEngine } from '../src/search/engine.js';
import { ENGLISH_STOP_WORDS } from '../src/search/stopwords.js';

const DATASET = path.resolve('..', 'shared', 'datasets', 'stackfaq');

interface FaqEntry {
  id: string;
  question: string;
  answer: string;
}
interface FaqQuery {
  id: string;
  entry: string;
  text: string;
}

export interface Scores {
  pAt1: number;
  mrr: number;
  queries: number;
}

/** P@1 and MRR from each query's ranked entry ids. */
export function score(queries: readonly FaqQuery[], rank: (text: string) => string[]): Scores {
  let first = 0;
  let reciprocal = 0;
  for (const query of queries) {
    const position = rank(query.text).indexOf(query.entry);
    if (position === 0) first += 1;
    if (position >= 0) reciprocal += 1 / (position + 1);
  }
  return { pAt1: (100 * first) / queries.length, mrr: (100 * reciprocal) / queries.length, queries: queries.length };
}

export function stackwiseRanker(entries: readonly FaqEntry[]): (text: string) => string[] {
  const corpusEntries: Entry[] = entries.map((entry) => ({
    id: entry.id,
    question: entry.question,
    phrasings: [],
    answer: entry.answer,
    companies: [],
    technologies: [],
    related: [],
    sources: [],
    origin: 'curated',
  }));
  // No tech-stack catalog or question chatter here: this measures the matching itself on another domain.
  const file = path.resolve('corpus/words.yaml');
  const words = { ...parseWordsFile(file, readFileSync(file, 'utf8')).words!, chatter: new Set<string>() };
  const engine = AnswerEngine.create(
    { technologies: [], companies: [], sources: [], entries: corpusEntries, words },
    { candidates: entries.length, stopWords: ENGLISH_STOP_WORDS },
  );
  return (text) => engine.rankEntries(text, {}, entries.length).map(({ entry }) => entry.id);
}

export function minisearchDefaultRanker(entries: readonly FaqEntry[]): (text: string) => string[] {
  const index = new MiniSearch<FaqEntry>({ fields: ['question', 'answer'] });
  index.addAll(entries);
  return (text) => index.search(text).map((result) => String(result.id));
}

function main(): void {
  if (!existsSync(path.join(DATASET, 'entries.json'))) {
    console.log(`bench:stackfaq: skipped: the StackFAQ data set is not at ${DATASET} (it lives in ../shared/, beside the project).`);
    return;
  }
  const { values } = parseArgs({ options: { split: { type: 'string', default: 'test' } } });
  const split = values.split === 'dev' ? 'dev' : 'test';
  const entries: FaqEntry[] = JSON.parse(readFileSync(path.join(DATASET, 'entries.json'), 'utf8'));
  const queries: FaqQuery[] = JSON.parse(readFileSync(path.join(DATASET, `queries.${split}.json`), 'utf8'));

  const rows = [
    ['MiniSearch, default options', score(queries, minisearchDefaultRanker(entries))],
    ['Stackwise engine', score(queries, stackwiseRanker(entries))],
  ] as const;
  console.log(`StackFAQ, ${split} split: ${entries.length} entries, ${queries.length} queries (Karan & Šnajder 2018)`);
  console.log('| Engine | P@1 | MRR |\n|---|---|---|');
  for (const [name, result] of rows) console.log(`| ${name} | ${result.pAt1.toFixed(1)} | ${result.mrr.toFixed(1)} |`);
}

main();
