import MiniSearch, { type SearchResult } from 'minisearch';
import type { Entry } from '../corpus/types.js';
import type { Analyzer } from './analyzer.js';
import { editDistance, typoAllowance } from './distance.js';

export interface IndexOptions {
  /** How much a match in each field counts. */
  boost: { question: number; phrasings: number; tags: number; answer: number };
  /** MiniSearch fuzziness for content words (a share of the word's length). */
  fuzzy: number;
  /** BM25 parameters (MiniSearch defaults: k 1.2, b 0.7, d 0.5). */
  bm25: { k: number; b: number; d: number };
}

export interface Hit {
  entry: Entry;
  score: number;
}

/** Curated and server entries are written for people; on a tie they come first. */
const CURATED_BOOST = 1.1;

type TagNames = (entry: Entry) => string[];

/**
 * The MiniSearch index over entries, plus what the engine needs to judge a match:
 * each entry's question terms (question, phrasings, tags) and how rare each term is.
 */
export class EntryIndex {
  private readonly search: MiniSearch<Entry>;
  private readonly entries = new Map<string, Entry>();
  private readonly questionTerms = new Map<string, ReadonlySet<string>>();
  private readonly documentFrequency = new Map<string, number>();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly tagNames: TagNames,
    private readonly options: IndexOptions,
    private readonly isEntity: (term: string) => boolean,
  ) {
    this.search = new MiniSearch<Entry>({
      fields: ['question', 'phrasings', 'tags', 'answer'],
      storeFields: [],
      extractField: (entry, field) => {
        if (field === 'id') return entry.id;
        if (field === 'phrasings') return entry.phrasings.join('\n');
        if (field === 'tags') return tagNames(entry).join('\n');
        return String(entry[field as 'question' | 'answer'] ?? '');
      },
      tokenize: (text) => analyzer.analyze(text).terms,
      processTerm: (term) => term,
      searchOptions: {
        tokenize: (text) => text.split(' ').filter(Boolean),
        processTerm: (term) => term,
      },
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  all(): IterableIterator<Entry> {
    return this.entries.values();
  }

  addAll(entries: readonly Entry[]): void {
    for (const entry of entries) this.track(entry);
    this.search.addAll(entries);
  }

  /** Adds the entry, or replaces the one with its id. */
  upsert(entry: Entry): void {
    if (this.entries.has(entry.id)) {
      this.untrack(entry.id);
      this.track(entry);
      this.search.replace(entry);
    } else {
      this.track(entry);
      this.search.add(entry);
    }
  }

  remove(id: string): boolean {
    if (!this.entries.has(id)) return false;
    this.untrack(id);
    this.search.discard(id);
    return true;
  }

  private track(entry: Entry): void {
    const text = [entry.question, ...entry.phrasings, ...this.tagNames(entry)].join('\n');
    const terms = new Set(this.analyzer.analyze(text).terms);
    this.entries.set(entry.id, entry);
    this.questionTerms.set(entry.id, terms);
    for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  private untrack(id: string): void {
    for (const term of this.questionTerms.get(id) ?? []) {
      const count = (this.documentFrequency.get(term) ?? 1) - 1;
      if (count > 0) this.documentFrequency.set(term, count);
      else this.documentFrequency.delete(term);
    }
    this.questionTerms.delete(id);
    this.entries.delete(id);
  }

  /** Full-text search: best first. `prefixLast` treats the last term as unfinished (autocomplete). */
  find(terms: readonly string[], options: { limit: number; prefixLast?: boolean; questionOnly?: boolean; all?: boolean }): Hit[] {
    if (terms.length === 0) return [];
    const { boost, fuzzy, bm25 } = this.options;
    const results: SearchResult[] = this.search.search(terms.join(' '), {
      boost: options.questionOnly ? { question: boost.question, phrasings: boost.phrasings, tags: boost.tags } : boost,
      fields: options.questionOnly ? ['question', 'phrasings', 'tags'] : ['question', 'phrasings', 'tags', 'answer'],
      fuzzy: (term) => (this.isEntity(term) || term.length < 5 ? false : fuzzy),
      prefix: (_term, index, all) => Boolean(options.prefixLast) && index === all.length - 1,
      combineWith: options.all ? 'AND' : 'OR',
      boostDocument: (id) => (this.entries.get(String(id))?.origin === 'derived' ? 1 : CURATED_BOOST),
      bm25,
    });
    const hits: Hit[] = [];
    for (const result of results) {
      const entry = this.entries.get(String(result.id));
      if (entry) hits.push({ entry, score: result.score });
      if (hits.length >= options.limit) break;
    }
    return hits;
  }

  /** How rare a term is among entries' questions (inverse document frequency). */
  weight(term: string): number {
    const frequency = this.documentFrequency.get(term) ?? 0;
    const total = Math.max(1, this.entries.size);
    // Unknown words weigh like uncommon ones, not like the rarest: they are often chatter.
    const effective = frequency === 0 ? Math.max(1, total / 50) : frequency;
    return Math.log(1 + total / effective);
  }

  /**
   * The share of the query's meaning found in the entry's question, phrasings and tags,
   * each term weighted by its rarity. 1 means every term is there.
   */
  coverage(terms: readonly string[], entryId: string): number {
    const own = this.questionTerms.get(entryId);
    if (!own || terms.length === 0) return 0;
    let found = 0;
    let total = 0;
    for (const term of new Set(terms)) {
      const weight = this.weight(term);
      total += weight;
      if (own.has(term) || this.fuzzyHas(own, term)) found += weight;
    }
    return total === 0 ? 0 : found / total;
  }

  private fuzzyHas(own: ReadonlySet<string>, term: string): boolean {
    if (this.isEntity(term)) return false;
    const allowance = Math.min(1, typoAllowance(term.length));
    if (allowance === 0) return false;
    for (const candidate of own) {
      if (!this.isEntity(candidate) && editDistance(term, candidate, allowance) <= allowance) return true;
    }
    return false;
  }
}
