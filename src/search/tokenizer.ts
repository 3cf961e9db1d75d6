import { stripAccents } from './normalize.js';

/**
 * A word as typed, with symbols that belong to technology names kept:
 * "c#", "c++", "f#", ".net", "node.js", "vue.js", "objective-c", "k8s", "http/3".
 */
const RAW_WORD = /\.?[\p{L}\p{N}]+(?:[.\-/'’][\p{L}\p{N}]+)*[#+]*/gu;
/** The same, for plain ASCII text, where it runs several times faster. */
const RAW_ASCII_WORD = /\.?[A-Za-z0-9]+(?:[.\-/'][A-Za-z0-9]+)*[#+]*/g;
const JOINERS = /[.\-/'’]/;
const POSSESSIVE = /['’]s$/i;
/** Shapes that are names even when the catalog does not list them: "next.js", ".net". */
const NAME_SHAPES = /^(?:[\p{L}\p{N}]+\.js|\.[\p{L}\p{N}]+)$/u;

export interface TokenizerOptions {
  /** Words with joiners that stay whole because they name something, e.g. "node.js", "objective-c". */
  keepWhole?: ReadonlySet<string>;
}

export interface Word {
  /** Folded: lower case, no accents. */
  word: string;
  /** As typed, accents removed, case kept (to tell "Go" from "go"). */
  typed: string;
  /** The word ended in 's, so a lone letter before it is a plural ("the 3 C's"), not a name. */
  possessive?: boolean;
}

/**
 * Splits text into words. Case and accents are folded; symbols that are part of
 * a technology's name survive; other joiners split the word unless `keepWhole` names it.
 */
export function tokenizeWords(text: string, options: TokenizerOptions = {}): Word[] {
  const words: Word[] = [];
  const plain = stripAccents(text);
  const pattern = /^[\u0000-\u007f]*$/.test(plain) ? RAW_ASCII_WORD : RAW_WORD;
  for (const match of plain.matchAll(pattern)) {
    const typed = match[0].replace(POSSESSIVE, '');
    const word = typed.toLowerCase();
    if (!JOINERS.test(word) || options.keepWhole?.has(word) || NAME_SHAPES.test(word)) {
      words.push(typed === match[0] ? { word, typed } : { word, typed, possessive: true });
      continue;
    }
    for (const part of typed.split(/[.\-/'’]+/)) if (part) words.push({ word: part.toLowerCase(), typed: part });
  }
  return words;
}

export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  return tokenizeWords(text, options).map(({ word }) => word);
}
