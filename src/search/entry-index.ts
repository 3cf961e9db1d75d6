import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Entry } from '../corpus/types.js';
import type { Steps } from '../slices.js';
import type { Analyzer } from './analyzer.js';
import { editDistance, typoAllowance } from './distance.js';
import { type IndexSnapshot, indexSnapshot, loadIndexSnapshot } from './index-snapshot.js';

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

/** An entry's analysed question terms, as the index keeps them: what a snapshot stores so a restore need not analyse again. */
export interface EntryTerms {
  question: string[];
  /** One list per phrasing. */
  phrasings: string[][];
  tags: string[];
}

/** A query term found only among an entry's tags counts this much: tags list what an answer mentions, not what it asks. */
const TAG_ONLY_CREDIT = 0.5;

/** A term found in more than this share of entries is left out of the full-text query. */
const COMMON_TERM_SHARE = 0.05;
/** …but only in corpora big enough for a share to mean something. */
const MIN_COMMON_ENTRIES = 500;
/**
 * How many entries the terms a question is searched with may reach in all: the search walks every
 * entry of every term, so its cost grows with this, not with the question. The rarest terms go first
 * (they say most about what is asked); the rest still count in judging each match (coverage).
 */
const QUERY_REACH_BUDGET = 1_000;

function increment(counts: Map<string, number>, key: string, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

/** A question's distinct terms in a fixed order: two wordings with the same key ask the same thing. */
function wordsKey(terms: readonly string[]): string {
  return [...new Set(terms)].sort().join(' ');
}

/** Curated and server entries are written for people; on a tie they come first. */
const CURATED_BOOST = 1.1;

type TagNames = (entry: Entry) => string[];

/**
 * An answer's words as the index sees them: without link addresses and without the "(as of 2023 · [Discord
 * blog](…))" provenance of derived answers, which would otherwise make "github", "blog" or "date" terms of
 * thousands of entries (slower searches, and matches on where a fact comes from rather than what it says).
 */
function searchableAnswer(answer: string): string {
  return answer.replace(/_\(as of [^)]*\)\)?_/g, ' ').replace(/\]\([^)\s]*\)/g, ']');
}

/**
 * The MiniSearch index over entries, plus what the engine needs to judge a match:
 * each entry's question terms (question, phrasings, tags) and how rare each term is.
 */
export class EntryIndex {
  private search: MiniSearch<Entry>;
  private readonly entries = new Map<string, Entry>();
  /** Each entry's tag terms, kept apart from its question's for the name-only credit (see coverage). */
  private readonly tagTerms = new Map<string, readonly string[]>();
  /** Each entry's question terms, then each phrasing's. */
  private readonly questionVariants = new Map<string, readonly (readonly string[])[]>();
  /** Term -> number of entries that contain it in any field. */
  private readonly anyFieldFrequency = new Map<string, number>();
  /** The words of a question or phrasing (see wordsKey) -> the entries that ask it: finds duplicates without a search. */
  private readonly byWords = new Map<string, string[]>();
  /** Each term once: every entry's lists point to the same string rather than to a copy of their own. */
  private readonly terms = new Map<string, string>();
  /** Field text -> its terms, computed once in track() and handed to MiniSearch's tokenizer. */
  private readonly analysed = new Map<string, string[]>();
  /**
   * Terms in so many entries that the full-text query leaves them out (see `find`): their postings in
   * answers are not indexed either, which at 50,000 entries is almost half the index. Fixed when the
   * corpus is indexed (`addAll`), so what an entry was indexed with never shifts under it.
   */
  private commonTerms: ReadonlySet<string> = new Set();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly tagNames: TagNames,
    private readonly options: IndexOptions,
    private readonly isEntity: (term: string) => boolean,
    /** Whose counts say how rare a term is: a server's few entries are judged against the shipped corpus. */
    private readonly rarity?: EntryIndex,
  ) {
    this.search = new MiniSearch<Entry>(this.searchOptions());
  }

  private searchOptions(): Options<Entry> {
    return {
      fields: ['question', 'phrasings', 'tags', 'answer'],
      storeFields: [],
      extractField: (entry, field) => {
        if (field === 'id') return entry.id;
        if (field === 'phrasings') return entry.phrasings.join('\n');
        if (field === 'tags') return this.tagNames(entry).join('\n');
        if (field === 'answer') return searchableAnswer(entry.answer);
        return entry.question;
      },
      tokenize: (text) => {
        const terms = this.analysed.get(text);
        if (!terms) return this.analyzer.analyze(text).terms;
        this.analysed.delete(text);
        return terms;
      },
      processTerm: (term) => term,
      searchOptions: {
        tokenize: (text) => text.split(' ').filter(Boolean),
        processTerm: (term) => term,
      },
    };
  }

  /** The full-text index and how many entries hold each term, as plain data for a snapshot. */
  snapshot(): { search: IndexSnapshot; termEntries: [string, number][] } {
    return { search: indexSnapshot(this.search), termEntries: [...this.anyFieldFrequency] };
  }

  /** Puts back an entry of a snapshot with its terms, without analysing it again; its full-text part comes with `loadSnapshot`. */
  restoreEntry(entry: Entry, terms: EntryTerms): void {
    this.track(entry, terms);
  }

  /** Puts back what `snapshot` gave (its entries first, with `restoreEntry`), a step per block of terms. */
  *loadSnapshot(search: IndexSnapshot, termEntries: readonly [string, number][]): Steps {
    for (const [term, count] of termEntries) {
      this.anyFieldFrequency.set(this.shared(term), count);
      yield;
    }
    this.search = yield* loadIndexSnapshot(search, this.searchOptions());
    yield* this.fixCommonTerms();
  }

  /** Indexes a whole corpus: every entry's terms first, so that which terms are common is known before any is indexed. */
  *addAll(entries: readonly Entry[]): Steps {
    const analysed: { entry: Entry; terms: EntryTerms; answer: string[] }[] = [];
    for (const entry of entries) {
      const { terms, answer, anyField } = this.analyse(entry);
      this.track(entry, terms);
      this.count(anyField, 1);
      analysed.push({ entry, terms, answer });
      yield;
    }
    yield* this.fixCommonTerms();
    for (const { entry, terms, answer } of analysed) {
      this.prime(entry, terms, answer);
      this.search.add(entry);
      yield;
    }
  }

  private *fixCommonTerms(): Steps {
    if (this.rarity) return;
    const limit = this.commonLimit();
    const common = new Set<string>();
    for (const [term, count] of this.anyFieldFrequency) {
      if (count > limit) common.add(term);
      yield;
    }
    this.commonTerms = common;
  }

  /** Entries a term may be in before the query leaves it out. */
  private commonLimit(): number {
    return Math.max(MIN_COMMON_ENTRIES, this.entries.size * COMMON_TERM_SHARE);
  }

  /** A term left out of answers' postings (the shipped corpus's judgement, for a server's index). */
  private isCommon(term: string): boolean {
    return (this.rarity ?? this).commonTerms.has(term);
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

  /** Adds an entry the index does not hold yet. */
  add(entry: Entry): void {
    this.index(entry);
    this.search.add(entry);
  }

  /** Tracks the entry and readies its terms for MiniSearch's next add. */
  private index(entry: Entry): void {
    const { terms, answer, anyField } = this.analyse(entry);
    this.track(entry, terms);
    this.count(anyField, 1);
    this.prime(entry, terms, answer);
  }

  /** Adds the entry, or replaces the one with its id. */
  upsert(entry: Entry): void {
    const existed = this.entries.has(entry.id);
    if (existed) this.untrack(entry.id);
    this.index(entry);
    if (existed) this.search.replace(entry);
    else this.search.add(entry);
  }

  remove(id: string): boolean {
    if (!this.entries.has(id)) return false;
    this.untrack(id);
    this.search.discard(id);
    return true;
  }

  /** The entry's terms as tracked, for a snapshot. */
  termsOf(id: string): EntryTerms | undefined {
    const [question, ...phrasings] = this.questionVariants.get(id) ?? [];
    const tags = this.tagTerms.get(id);
    if (!question || !tags) return undefined;
    return { question: [...question], phrasings: phrasings.map((terms) => [...terms]), tags: [...tags] };
  }

  /** Analyses each field once. The analyser reads an entry the same way every time: removing it analyses it again (see untrack). */
  private analyse(entry: Entry): { terms: EntryTerms; answer: string[]; anyField: Set<string> } {
    const analyse = (text: string) => this.analyzer.analyze(text).terms;
    const question = analyse(entry.question);
    const phrasings = entry.phrasings.map(analyse);
    const tags = analyse(this.tagNames(entry).join('\n'));
    const answer = analyse(searchableAnswer(entry.answer));
    return { terms: { question, phrasings, tags }, answer, anyField: new Set([...question, ...phrasings.flat(), ...tags, ...answer]) };
  }

  private count(terms: Iterable<string>, by: 1 | -1): void {
    for (const term of terms) increment(this.anyFieldFrequency, this.shared(term), by);
  }

  /** Hands MiniSearch's tokenizer the terms already analysed (see `analysed`); common terms leave the answer's. */
  private prime(entry: Entry, terms: EntryTerms, answer: readonly string[]): void {
    // Each phrasing once: the phrasings field is their terms in a row.
    this.analysed.set(entry.question, terms.question);
    this.analysed.set(entry.phrasings.join('\n'), terms.phrasings.flat());
    this.analysed.set(this.tagNames(entry).join('\n'), terms.tags);
    this.analysed.set(
      searchableAnswer(entry.answer),
      answer.filter((term) => !this.isCommon(term)),
    );
  }

  private track(entry: Entry, analysed: EntryTerms): void {
    const share = (terms: readonly string[]) => terms.map((term) => this.shared(term));
    const terms = { question: share(analysed.question), phrasings: analysed.phrasings.map(share), tags: share(analysed.tags) };
    const variants = [terms.question, ...terms.phrasings];
    this.entries.set(entry.id, entry);
    // Lists rather than Sets throughout: a question has a few terms, and 50,000 Sets cost tens of megabytes.
    this.tagTerms.set(entry.id, terms.tags);
    this.questionVariants.set(entry.id, variants);
    for (const variant of variants) {
      const key = wordsKey(variant);
      const ids = this.byWords.get(key);
      if (!ids) this.byWords.set(key, [entry.id]);
      else if (!ids.includes(entry.id)) ids.push(entry.id);
    }
  }

  /** The one copy of this term the index keeps. */
  private shared(term: string): string {
    const known = this.terms.get(term);
    if (known !== undefined) return known;
    this.terms.set(term, term);
    return term;
  }

  private untrack(id: string): void {
    const entry = this.entries.get(id);
    if (entry) this.count(this.analyse(entry).anyField, -1);
    for (const variant of this.questionVariants.get(id) ?? []) {
      const key = wordsKey(variant);
      const ids = this.byWords.get(key)?.filter((other) => other !== id);
      if (ids?.length) this.byWords.set(key, ids);
      else this.byWords.delete(key);
    }
    this.tagTerms.delete(id);
    this.questionVariants.delete(id);
    this.entries.delete(id);
  }

  /** Entries whose question or one of whose phrasings has exactly these terms, whatever their order. */
  withSameWords(terms: readonly string[]): Entry[] {
    return (this.byWords.get(wordsKey(terms)) ?? []).flatMap((id) => this.entries.get(id) ?? []);
  }

  /** Full-text search, best first. `questionOnly` leaves the answer text out. */
  find(terms: readonly string[], options: { limit: number; questionOnly?: boolean }): Hit[] {
    if (terms.length === 0) return [];
    const { boost, fuzzy, bm25 } = this.options;
    // A term in most entries barely changes the ranking but costs a walk over most of the index.
    const commonLimit = this.commonLimit();
    const distinctive = terms.filter((term) => (this.anyFieldFrequency.get(term) ?? 0) <= commonLimit);
    const query = this.withinReach(distinctive.length > 0 ? distinctive : terms);
    const results: SearchResult[] = this.search.search(query.join(' '), {
      boost: options.questionOnly ? { question: boost.question, phrasings: boost.phrasings, tags: boost.tags } : boost,
      fields: options.questionOnly ? ['question', 'phrasings', 'tags'] : ['question', 'phrasings', 'tags', 'answer'],
      // Only words the index has never seen are likely typos worth a fuzzy look.
      fuzzy: (term) => (this.isEntity(term) || term.length < 5 || this.anyFieldFrequency.has(term) ? false : fuzzy),
      combineWith: 'OR',
      bm25,
    });
    const hits: Hit[] = [];
    for (const result of results) {
      const entry = this.entries.get(String(result.id));
      if (entry) hits.push({ entry, score: entry.origin === 'derived' ? result.score : result.score * CURATED_BOOST });
      if (hits.length >= options.limit) break;
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** The rarest of these terms whose entries add up to the reach budget; at least the rarest one. */
  private withinReach(terms: readonly string[]): string[] {
    const byRarity = [...new Set(terms)].sort((a, b) => (this.anyFieldFrequency.get(a) ?? 0) - (this.anyFieldFrequency.get(b) ?? 0));
    const kept: string[] = [];
    let reach = 0;
    for (const term of byRarity) {
      reach += this.anyFieldFrequency.get(term) ?? 0;
      if (kept.length > 0 && reach > QUERY_REACH_BUDGET) break;
      kept.push(term);
    }
    // In the question's order, repeats kept: a word asked twice weighs twice, as before the budget.
    const chosen = new Set(kept);
    return terms.filter((term) => chosen.has(term));
  }

  /** How rare a term is among entries, counting every field (inverse document frequency). */
  weight(term: string): number {
    if (this.rarity) return this.rarity.weight(term);
    const frequency = this.anyFieldFrequency.get(term) ?? 0;
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
    const own = this.questionVariants.get(entryId);
    const tags = this.tagTerms.get(entryId);
    if (!own || terms.length === 0) return 0;
    let found = 0;
    let total = 0;
    for (let position = 0; position < terms.length; position++) {
      const term = terms[position]!;
      if (terms.indexOf(term) !== position) continue;
      const weight = this.weight(term);
      total += weight;
      if (own.some((variant) => variant.includes(term)) || this.fuzzyHas(own, term)) found += weight;
      else if (tags?.includes(term)) found += weight * TAG_ONLY_CREDIT;
    }
    return total === 0 ? 0 : found / total;
  }

  /**
   * The other direction: the largest share of the entry's question (or of one of its
   * phrasings) that the query contains. "What is Vitess?" is all there in "what is vitess";
   * "Does Slack use Vitess?" only half.
   */
  reverseCoverage(terms: readonly string[], entryId: string): number {
    let best = 0;
    for (const variant of this.questionVariants.get(entryId) ?? []) {
      let found = 0;
      let total = 0;
      // Each distinct term once, without a Set per variant: this runs for every candidate of every question.
      for (let position = 0; position < variant.length; position++) {
        const term = variant[position]!;
        if (variant.indexOf(term) !== position) continue;
        const weight = this.weight(term);
        total += weight;
        if (terms.includes(term)) found += weight;
      }
      if (total > 0) best = Math.max(best, found / total);
    }
    return best;
  }

  private fuzzyHas(variants: readonly (readonly string[])[], term: string): boolean {
    if (this.isEntity(term)) return false;
    const allowance = Math.min(1, typoAllowance(term.length));
    if (allowance === 0) return false;
    for (const variant of variants) {
      for (const candidate of variant) {
        if (!this.isEntity(candidate) && editDistance(term, candidate, allowance) <= allowance) return true;
      }
    }
    return false;
  }
}
