import { CATEGORIES } from './categories.js';
import type { CorpusProblem } from './problems.js';
import { YamlReader } from './yaml-reader.js';

/** The words the engine reads questions with, from corpus/words.yaml (see its comments for each group). */
export interface QuestionWords {
  /** Word -> the category id it names ("db" -> database). */
  categories: ReadonlyMap<string, string>;
  stack: ReadonlySet<string>;
  whichCompanies: ReadonlySet<string>;
  technologyContext: ReadonlySet<string>;
  consumer: ReadonlySet<string>;
  /** Phrases, matched as words in order. */
  offTopic: readonly string[];
  people: ReadonlySet<string>;
  created: ReadonlySet<string>;
  moves: ReadonlySet<string>;
  negations: ReadonlySet<string>;
  notACompany: ReadonlySet<string>;
  chatter: ReadonlySet<string>;
}

const GROUPS = [
  'stack',
  'whichCompanies',
  'technologyContext',
  'consumer',
  'offTopic',
  'people',
  'created',
  'moves',
  'negations',
  'notACompany',
  'chatter',
] as const;

/** No words at all: what an engine knows when a corpus has no words file (everything still matches on terms). */
export const NO_WORDS: QuestionWords = {
  categories: new Map(),
  ...(Object.fromEntries(GROUPS.map((group) => [group, new Set<string>()])) as unknown as Omit<QuestionWords, 'categories' | 'offTopic'>),
  offTopic: [],
};

const WORD = /^[\p{Ll}\p{N}][\p{Ll}\p{N}'/.+#-]*( [\p{Ll}\p{N}][\p{Ll}\p{N}'/.+#-]*)*$/u;

/** Parses corpus/words.yaml. Returns no words when the file has any problem (the loader keeps the last good one). */
export function parseWordsFile(file: string, text: string): { words?: QuestionWords; problems: CorpusProblem[] } {
  const reader = new YamlReader(file, text);
  if (reader.root === undefined) return { problems: reader.problems };
  reader.onlyFields([], ['categories', ...GROUPS]);
  const wordsAt = (path: (string | number)[]) => {
    const words = reader.stringList(path);
    if (reader.get(path) === undefined) reader.problem(path, `missing ${path.join('.')} (a list of words)`);
    words.forEach((word, index) => {
      if (!WORD.test(word)) reader.problem([...path, index], `"${word}" must be lower-case words`);
    });
    return words;
  };

  const categories = new Map<string, string>();
  const known = new Set(CATEGORIES.map((category) => category.id));
  const listed = reader.get(['categories']);
  if (listed === null || typeof listed !== 'object' || Array.isArray(listed)) {
    reader.problem(['categories'], 'categories must map each category id to its words');
  } else {
    for (const id of Object.keys(listed)) {
      if (!known.has(id)) reader.problem(['categories', id], `unknown category "${id}" (one of: ${[...known].join(', ')})`);
    }
    for (const id of known) {
      for (const word of wordsAt(['categories', id])) {
        const other = categories.get(word);
        if (other && other !== id) reader.problem(['categories', id], `"${word}" already names the ${other} category`);
        categories.set(word, id);
      }
    }
  }
  const groups = Object.fromEntries(GROUPS.map((group) => [group, wordsAt([group])])) as Record<(typeof GROUPS)[number], string[]>;
  if (reader.problems.length > 0) return { problems: reader.problems };
  const sets = Object.fromEntries(GROUPS.map((group) => [group, new Set(groups[group])])) as unknown as Omit<
    QuestionWords,
    'categories' | 'offTopic'
  >;
  return { words: { ...sets, categories, offTopic: groups.offTopic }, problems: [] };
}
