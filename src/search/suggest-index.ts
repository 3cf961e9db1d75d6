import MiniSearch, { type Options, type Query } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Entry } from '../corpus/types.js';
import type { Steps } from '../slices.js';
import { type IndexSnapshot, indexSnapshot, loadIndexSnapshot } from './index-snapshot.js';
import { tokenize } from './tokenizer.js';

export interface SuggestHit {
  id: string;
  score: number;
}

/** Field weights for autocomplete: the question as written matters most. */
const SUGGEST_BOOST = { question: 2, phrasings: 1, names: 1 };
const SUGGEST_FUZZY = 0.2;
const MIN_FUZZY_LENGTH = 5;
/** A last word of one letter would prefix-match a large part of the vocabulary. */
const MIN_PREFIX_LENGTH = 2;
/** At most this many words are searched for a half-typed one… */
const MAX_COMPLETIONS = 12;
/** …and the entries they reach add up to at most this (the first one whatever its reach). */
const COMPLETION_REACH_BUDGET = 1_000;
/** How much a completion counts next to the word as typed (MiniSearch's default prefix weight). */
const COMPLETION_WEIGHT = 0.375;
/** The entries the searched whole words may reach in all (the rarest word is searched whatever its reach). */
const WORD_REACH_BUDGET = 1_000;

/**
 * A plain-words index for autocomplete: no stemming, so that what a person is in the middle
 * of typing ("does netflix use apache sp") prefix-matches the words of a question.
 */
export class SuggestIndex {
  private search: MiniSearch<Entry>;
  /**
   * Word -> how many entries have it: chooses which completions of a half-typed word to search. Counts
   * rise as entries are added and are not lowered when one goes; a stale count only ranks a completion.
   */
  private readonly termCounts = new SearchableMap<number>();

  constructor(
    private readonly namesOf: (entry: Entry) => string[],
    private readonly boostOf: (id: string) => number,
    private readonly entryOf: (id: string) => Entry | undefined,
    private readonly stopWords: ReadonlySet<string>,
  ) {
    this.search = new MiniSearch<Entry>(this.searchOptions());
  }

  private searchOptions(): Options<Entry> {
    return {
      fields: ['question', 'phrasings', 'names'],
      storeFields: [],
      extractField: (entry, field) => {
        if (field === 'id') return entry.id;
        if (field === 'question') return entry.question;
        if (field === 'phrasings') return entry.phrasings.join('\n');
        return this.namesOf(entry).join('\n');
      },
      tokenize: (text) => tokenize(text),
      // Words like "how" and "does" start every question: they would match everything, slowly.
      processTerm: (term) => (this.stopWords.has(term) ? null : term),
      searchOptions: { processTerm: (term) => term },
    };
  }

  /** The index and its word counts as plain data, for a snapshot. */
  snapshot(): { search: IndexSnapshot; words: [string, number][] } {
    return { search: indexSnapshot(this.search), words: [...this.termCounts] };
  }

  /** Puts back what `snapshot` gave. */
  *restore(search: IndexSnapshot, words: readonly [string, number][]): Steps {
    for (const [word, count] of words) {
      this.termCounts.set(word, count);
      yield;
    }
    this.search = yield* loadIndexSnapshot(search, this.searchOptions());
  }

  private count(entry: Entry): void {
    const text = `${entry.question}\n${entry.phrasings.join('\n')}\n${this.namesOf(entry).join('\n')}`;
    for (const term of new Set(tokenize(text))) {
      if (!this.stopWords.has(term)) this.termCounts.update(term, (count = 0) => count + 1);
    }
  }

  add(entry: Entry): void {
    this.count(entry);
    this.search.add(entry);
  }

  upsert(entry: Entry, existed: boolean): void {
    this.count(entry);
    if (existed) this.search.replace(entry);
    else this.search.add(entry);
  }

  remove(id: string): void {
    if (this.search.has(id)) this.search.discard(id);
  }

  /**
   * Entry ids with their scores, best first: `strict` has every typed word (the last one as a prefix,
   * unless `finished`), `loose` any of them. One search gives both: a question that has every word scores
   * the same whether the words are combined with AND or OR.
   */
  find(text: string, options: { limit: number; finished: boolean }): { strict: SuggestHit[]; loose: SuggestHit[] } {
    const none = { strict: [], loose: [] };
    const words = tokenize(text);
    const last = words.length - 1;
    // Stop words go, except a last word still being typed ("does netflix use a" may become "apache").
    const query = words.filter((word, index) => !this.stopWords.has(word) || (index === last && !options.finished));
    if (query.length === 0) return none;
    const typing = options.finished ? undefined : query.pop();
    // Words used everywhere ("react" in a quarter of a large corpus) would make the search walk most of
    // it: the rarest words are searched, within budget, and the others only checked in what they find.
    const { searched, checked, reach } = this.byReach(query);
    const completions = typing === undefined ? undefined : this.completionsOf(typing);
    // Even the rarest whole word is everywhere, and the half-typed one reaches less: search that alone.
    if (completions && reach > WORD_REACH_BUDGET && completions.reach < reach) checked.push(...searched.splice(0));
    const queries: Query[] = searched.map((word) => ({
      queries: [word],
      // Earlier words may be typos (a half-typed last word is not); a word the index has is none.
      fuzzy: word.length >= MIN_FUZZY_LENGTH && !this.termCounts.has(word) ? SUGGEST_FUZZY : false,
    }));
    // A half-typed word that reaches too much is only checked too, when other words narrow the search.
    const typingChecked = completions !== undefined && searched.length > 0 && completions.reach > COMPLETION_REACH_BUDGET;
    if (completions && !typingChecked) queries.push(completions.query);
    if (queries.length === 0) return none;
    const completed = new Set(completions && !typingChecked ? completions.words : []);
    const strict: SuggestHit[] = [];
    const loose: SuggestHit[] = [];
    for (const result of this.search.search({ queries, combineWith: 'OR' }, { boost: SUGGEST_BOOST })) {
      if (strict.length >= options.limit && loose.length >= options.limit) break;
      const id = String(result.id);
      const hit = { id, score: result.score * this.boostOf(id) };
      if (loose.length < options.limit) loose.push(hit);
      if (strict.length >= options.limit) continue;
      const hasSearched =
        searched.every((word) => result.terms.includes(word)) && (completed.size === 0 || result.terms.some((term) => completed.has(term)));
      if (!hasSearched) continue;
      if ((checked.length > 0 || typingChecked) && !this.hasWords(id, checked, typingChecked ? typing : undefined)) continue;
      strict.push(hit);
    }
    const byScore = (a: SuggestHit, b: SuggestHit) => b.score - a.score;
    return { strict: strict.sort(byScore), loose: loose.sort(byScore) };
  }

  /** The words to search, rarest first while the entries they reach stay within budget (at least one), and the rest. */
  private byReach(words: readonly string[]): { searched: string[]; checked: string[]; reach: number } {
    const reachOf = (word: string) => this.termCounts.get(word) ?? 0;
    const searched: string[] = [];
    const checked: string[] = [];
    let reach = 0;
    for (const word of [...new Set(words)].sort((a, b) => reachOf(a) - reachOf(b))) {
      if (searched.length > 0 && reach + reachOf(word) > WORD_REACH_BUDGET) {
        checked.push(word);
      } else {
        searched.push(word);
        reach += reachOf(word);
      }
    }
    return { searched, checked, reach };
  }

  /** Whether the entry's question, phrasings or names have every one of these words, and one starting with `prefix`. */
  private hasWords(id: string, words: readonly string[], prefix?: string): boolean {
    const entry = this.entryOf(id);
    if (!entry) return false;
    const own = new Set(tokenize(`${entry.question}\n${entry.phrasings.join('\n')}\n${this.namesOf(entry).join('\n')}`));
    if (!words.every((word) => own.has(word))) return false;
    return prefix === undefined || [...own].some((word) => word.startsWith(prefix));
  }

  /**
   * The words a half-typed one may become: itself, and the most widely used words that start with it,
   * as many as keep the entries they reach within budget. MiniSearch's own prefix search would walk
   * every word with the prefix ("re": hundreds of words, most of the corpus at 50,000 entries).
   */
  private completionsOf(typing: string): { query: Query; words: string[]; reach: number } {
    const candidates = typing.length < MIN_PREFIX_LENGTH ? [] : [...this.termCounts.atPrefix(typing)];
    // Most used first; ties by the word, so the choice never depends on the order entries came in.
    candidates.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const words = [typing];
    let reach = this.termCounts.get(typing) ?? 0;
    for (const [word, count] of candidates) {
      if (words.length > MAX_COMPLETIONS || (words.length > 1 && reach + count > COMPLETION_REACH_BUDGET)) break;
      if (word === typing) continue;
      words.push(word);
      reach += count;
    }
    // A completion counts less than the word as typed, the more so the more it adds (as MiniSearch weighs prefixes).
    const query: Query = {
      queries: words,
      combineWith: 'OR',
      boostTerm: (term) => (term === typing ? 1 : (COMPLETION_WEIGHT * typing.length) / term.length),
    };
    return { query, words, reach };
  }
}
