import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Steps } from '../slices.js';

/** MiniSearch's term index: SearchableMap of term -> field id -> document id -> term frequency. */
type TermIndex = { set(term: string, fields: Map<number, Map<number, number>>): unknown };

/**
 * MiniSearch.loadJS, a step per term (see src/slices.ts). MiniSearch's own loadJSAsync pauses with a
 * timer every 1,000 postings, at least 1 ms each: restoring 14,000 entries took 1.4 s. This loads the
 * documents with loadJS and an empty term list, then sets the terms into its index the way loadJS does.
 * Should a MiniSearch version keep its index elsewhere, it falls back to loadJS in one go.
 */
export function* loadIndexInSteps<T>(data: AsPlainObject, options: Options<T>): Steps<MiniSearch<T>> {
  const search = MiniSearch.loadJS<T>({ ...data, index: [] }, options);
  const terms = (search as unknown as { _index?: Partial<TermIndex> })._index;
  if (typeof terms?.set !== 'function') return MiniSearch.loadJS<T>(data, options);
  for (const [term, fields] of data.index) {
    const byField = new Map<number, Map<number, number>>();
    for (const [fieldId, postings] of Object.entries(fields)) {
      const documents = new Map<number, number>();
      for (const [documentId, frequency] of Object.entries(postings)) documents.set(Number(documentId), frequency as number);
      byField.set(Number(fieldId), documents);
    }
    terms.set(term, byField);
    yield;
  }
  return search;
}
