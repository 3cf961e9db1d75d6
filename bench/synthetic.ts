/**
 * Synthetic corpora for the benchmarks: the shipped corpus grown with curated-looking entries whose
 * words follow a Zipf distribution, deterministic so every run measures the same corpus.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeBundle } from '../src/corpus/bundle.js';
import { loadCorpus } from '../src/corpus/load.js';
import type { Corpus, Entry } from '../src/corpus/types.js';

/** A deterministic pseudo-random sequence, so every run measures the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYNTHETIC_VOCABULARY = 30_000;
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'ven', 'dar', 'sel', 'mon', 'tri', 'qua', 'ber', 'zu'];

/**
 * Words for synthetic entries: the corpus's own words plus made-up ones, drawn with a
 * Zipf distribution as in real text (a few words everywhere, most words rare).
 */
function zipfWords(base: Corpus, next: () => number): () => string {
  const words = [...new Set(base.entries.flatMap((entry) => entry.answer.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
  for (let index = 0; words.length < SYNTHETIC_VOCABULARY; index++) {
    let word = '';
    for (let rest = index + 1; rest > 0; rest = Math.floor(rest / SYLLABLES.length)) word += SYLLABLES[rest % SYLLABLES.length];
    words.push(word);
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank++) {
    total += 1 / rank;
    cumulative.push(total);
  }
  return () => {
    const target = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return words[low]!;
  };
}

/** Grows the shipped corpus with curated-looking entries. */
export function synthetic(base: Corpus, size: number): Corpus {
  const next = random(size);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const word = zipfWords(base, next);
  const companies = base.companies;
  const technologies = base.technologies;
  const entries: Entry[] = [...base.entries];
  for (let index = entries.length; index < size; index++) {
    const company = pick(companies);
    const technology = pick(technologies);
    const topic = Array.from({ length: 3 }, word).join(' ');
    entries.push({
      id: `synthetic-${index}`,
      question: `How does ${company?.name ?? 'a company'} use ${technology?.name ?? 'it'} for ${topic}?`,
      phrasings: [`${company?.name ?? ''} ${technology?.name ?? ''} ${topic}`],
      answer: Array.from({ length: 60 }, word).join(' '),
      companies: company ? [company.slug] : [],
      technologies: technology ? [technology.slug] : [],
      related: [],
      sources: [],
      origin: 'curated',
    });
  }
  return { ...base, entries };
}

/** Entries per question file of a written synthetic corpus. */
const BUNDLE_FILE_ENTRIES = 1_000;

/** Writes the shipped corpus grown to `size` entries as a corpus folder, for benchmarks that start the bot. */
export async function writeSyntheticCorpus(dir: string, size: number): Promise<void> {
  await cp('corpus', dir, { recursive: true });
  const { corpus } = await loadCorpus('corpus');
  const grown = synthetic(corpus, size).entries.slice(corpus.entries.length);
  const names = new Map([...corpus.companies, ...corpus.technologies].map((thing) => [thing.slug, thing.name]));
  await mkdir(path.join(dir, 'questions', 'synthetic'), { recursive: true });
  for (let start = 0; start < grown.length; start += BUNDLE_FILE_ENTRIES) {
    const part = grown.slice(start, start + BUNDLE_FILE_ENTRIES).map((entry) => ({
      id: entry.id,
      content: {
        question: entry.question,
        answer: entry.answer,
        phrasings: entry.phrasings,
        tags: [...entry.companies, ...entry.technologies].map((slug) => names.get(slug) ?? slug),
        sources: [],
      },
      updated: '2026-01-01',
    }));
    await writeFile(path.join(dir, 'questions', 'synthetic', `part-${start / BUNDLE_FILE_ENTRIES}.yaml`), writeBundle(part, 'synthetic'));
  }
}
