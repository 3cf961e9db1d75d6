import MiniSearch from 'minisearch';
import type { Entry } from '../corpus/types.js';
import { tokenize } from './tokenizer.js';

/** Field weights for autocomplete: the question as written matters most. */
const SUGGEST_BOOST = { question: 2, phrasings: 1, names: 1 };
const SUGGEST_FUZZY = 0.2;
const MIN_FUZZY_LENGTH = 4;

/**
 * A plain-words index for autocomplete: no stemming, so that what a person is in the middle
 * of typing ("does netflix use apache sp") prefix-matches the words of a question.
 */
export class SuggestIndex {
  private readonly search: MiniSearch<Entry>;

  constructor(
    private readonly namesOf: (entry: Entry) => string[],
    private readonly boostOf: (id: string) => number,
  ) {
    this.search = new MiniSearch<Entry>({
      fields: ['question', 'phrasings', 'names'],
      storeFields: [],
      extractField: (entry, field) => {
        if (field === 'id') return entry.id;
        if (field === 'question') return entry.question;
        if (field === 'phrasings') return entry.phrasings.join('\n');
        return namesOf(entry).join('\n');
      },
      tokenize: (text) => tokenize(text),
      processTerm: (term) => term,
    });
  }

  addAll(entries: readonly Entry[]): void {
    this.search.addAll(entries);
  }

  upsert(entry: Entry, existed: boolean): void {
    if (existed) this.search.replace(entry);
    else this.search.add(entry);
  }

  remove(id: string): void {
    if (this.search.has(id)) this.search.discard(id);
  }

  /** Entry ids, best first. The last word is treated as unfinished unless `finished`. */
  find(text: string, options: { limit: number; finished: boolean; all: boolean }): string[] {
    const results = this.search.search(text, {
      boost: SUGGEST_BOOST,
      prefix: (_term, index, terms) => !options.finished && index === terms.length - 1,
      fuzzy: (term) => (term.length >= MIN_FUZZY_LENGTH ? SUGGEST_FUZZY : false),
      combineWith: options.all ? 'AND' : 'OR',
      boostDocument: (id) => this.boostOf(String(id)),
    });
    return results.slice(0, options.limit).map((result) => String(result.id));
  }
}
