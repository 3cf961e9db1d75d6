import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Steps } from '../slices.js';

/**
 * A MiniSearch index as a snapshot keeps it: its documents as MiniSearch's toJSON gives them, and its
 * terms in blocks of numbers. toJSON's own term list (an object per term and field, document ids as
 * keys) took most of a restore to parse and convert back; a block is read straight into MiniSearch's maps.
 */
export interface IndexSnapshot {
  /** MiniSearch's toJSON without its terms. */
  documents: AsPlainObject;
  blocks: TermBlock[];
}

/**
 * Terms with their postings. For each term in order, `postings` holds its number of fields, then for each
 * field its id and number of documents, then (document short id, term frequency) pairs.
 */
export interface TermBlock {
  terms: string[];
  postings: Uint32Array;
}

/** A block ends at this many terms, or once it holds about this many postings: each must load in a few milliseconds. */
const BLOCK_LIMITS = { terms: 2_000, postings: 20_000 } as const;

/** MiniSearch's term index: SearchableMap of term -> field id -> document short id -> term frequency. */
type TermIndex = { set(term: string, fields: Map<number, Map<number, number>>): unknown };

export function indexSnapshot<T>(search: MiniSearch<T>): IndexSnapshot {
  const { index, ...rest } = search.toJSON();
  const blocks: TermBlock[] = [];
  let terms: string[] = [];
  let numbers: number[] = [];
  let postings = 0;
  for (const [term, byField] of index) {
    terms.push(term);
    const fields = Object.entries(byField);
    numbers.push(fields.length);
    for (const [fieldId, byDocument] of fields) {
      const documents = Object.entries(byDocument);
      numbers.push(Number(fieldId), documents.length);
      for (const [documentId, frequency] of documents) numbers.push(Number(documentId), frequency);
      postings += documents.length;
    }
    if (terms.length >= BLOCK_LIMITS.terms || postings >= BLOCK_LIMITS.postings) {
      blocks.push({ terms, postings: Uint32Array.from(numbers) });
      terms = [];
      numbers = [];
      postings = 0;
    }
  }
  if (terms.length > 0) blocks.push({ terms, postings: Uint32Array.from(numbers) });
  return { documents: { ...rest, index: [] }, blocks };
}

/** The block's terms with their postings as MiniSearch keeps them; throws on a block that does not add up. */
function* blockTerms(block: TermBlock): Generator<[string, Map<number, Map<number, number>>]> {
  const { terms, postings } = block;
  let at = 0;
  const next = () => {
    if (at >= postings.length) throw new Error('index snapshot: a term block ends early');
    return postings[at++]!;
  };
  for (const term of terms) {
    const byField = new Map<number, Map<number, number>>();
    for (let fields = next(); fields > 0; fields--) {
      const fieldId = next();
      const documents = new Map<number, number>();
      for (let count = next(); count > 0; count--) documents.set(next(), next());
      byField.set(fieldId, documents);
    }
    yield [term, byField];
  }
  if (at !== postings.length) throw new Error('index snapshot: a term block has numbers left over');
}

/**
 * The index back, a step per block (see src/slices.ts). The documents load with MiniSearch.loadJS and no
 * terms; the terms are then set into its index the way loadJS does. Should a MiniSearch version keep its
 * index elsewhere, the terms are turned back into toJSON's form and loaded with loadJS in one go.
 */
export function* loadIndexSnapshot<T>(snapshot: IndexSnapshot, options: Options<T>): Steps<MiniSearch<T>> {
  const search = MiniSearch.loadJS<T>(snapshot.documents, options);
  const index = (search as unknown as { _index?: Partial<TermIndex> })._index;
  if (typeof index?.set !== 'function') return MiniSearch.loadJS<T>({ ...snapshot.documents, index: plainTerms(snapshot.blocks) }, options);
  for (const block of snapshot.blocks) {
    for (const [term, byField] of blockTerms(block)) index.set(term, byField);
    yield;
  }
  return search;
}

function plainTerms(blocks: readonly TermBlock[]): AsPlainObject['index'] {
  const index: AsPlainObject['index'] = [];
  for (const block of blocks) {
    for (const [term, byField] of blockTerms(block)) {
      const fields: Record<string, Record<string, number>> = {};
      for (const [fieldId, documents] of byField) fields[fieldId] = Object.fromEntries(documents);
      index.push([term, fields]);
    }
  }
  return index;
}
