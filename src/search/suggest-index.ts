import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Entry } from '../corpus/types.js';
import { tokenize } from './tokenizer.js';

/** Field weights for autocomplete: the question as written matters most. */
const SUGGEST_BOOST = { question: 2, phrasings: 1, names: 1 };
const SUGGEST_FUZZY = 0.2;
const MIN_FUZZY_LENGTH = 5;
/** A last word of one letter would prefix-match a large part of the vocabulary. */
const MIN_PREFIX_LENGTH = 2;

/**
 * A plain-words index for autocomplete: no stemming, so that what a person is in the middle
 * of typing ("does netflix use apache sp") prefix-matches the words of a question.
 */
export class SuggestIndex {
  private search: MiniSearch<Entry>;

  constructor(
    private readonly namesOf: (entry: Entry) => string[],
    private readonly boostOf: (id: string) => number,
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

  /** The index as plain data, for a snapshot. */
  searchData(): AsPlainObject {
    return this.search.toJSON();
  }

  /** Puts back the index of a snapshot. */
  async restore(search: AsPlainObject): Promise<void> {
    this.search = await MiniSearch.loadJSAsync(search, this.searchOptions());
  }

  add(entry: Entry): void {
    this.search.add(entry);
  }

  upsert(entry: Entry, existed: boolean): void {
    if (existed) this.search.replace(entry);
    else this.search.add(entry);
  }

  remove(id: string): void {
    if (this.search.has(id)) this.search.discard(id);
  }

  /** Entry ids with their scores, best first. The last word is treated as unfinished unless `finished`. */
  find(text: string, options: { limit: number; finished: boolean; all: boolean }): { id: string; score: number }[] {
    const words = tokenize(text);
    const last = words.length - 1;
    // Stop words go, except a last word still being typed ("does netflix use a" may become "apache").
    const query = words.filter((word, index) => !this.stopWords.has(word) || (index === last && !options.finished));
    if (query.length === 0) return [];
    const results = this.search.search(query.join(' '), {
      boost: SUGGEST_BOOST,
      prefix: (term, index, terms) => !options.finished && index === terms.length - 1 && term.length >= MIN_PREFIX_LENGTH,
      // A half-typed last word is not a typo; earlier words may be.
      fuzzy: (term, index, terms) =>
        term.length >= MIN_FUZZY_LENGTH && (options.finished || index < terms.length - 1) ? SUGGEST_FUZZY : false,
      combineWith: options.all ? 'AND' : 'OR',
    });
    return results
      .slice(0, options.limit)
      .map((result) => ({ id: String(result.id), score: result.score * this.boostOf(String(result.id)) }))
      .sort((a, b) => b.score - a.score);
  }
}
