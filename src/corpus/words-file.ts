import { CATEGORIES } from './categories.js';
import type { CorpusProblem } from './problems.js';
import { type QuestionWords, WORD_GROUPS } from './words.js';
import { YamlReader } from './yaml-reader.js';

const WORD = /^[\p{Ll}\p{N}][\p{Ll}\p{N}'/.+#-]*( [\p{Ll}\p{N}][\p{Ll}\p{N}'/.+#-]*)*$/u;

/** Parses corpus/words.yaml. Returns no words when the file has any problem (the loader keeps the last good one). */
export function parseWordsFile(file: string, text: string): { words?: QuestionWords; problems: CorpusProblem[] } {
  const reader = new YamlReader(file, text);
  if (reader.root === undefined) return { problems: reader.problems };
  reader.onlyFields([], ['categories', ...WORD_GROUPS]);
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
  const groups = Object.fromEntries(WORD_GROUPS.map((group) => [group, wordsAt([group])])) as Record<
    (typeof WORD_GROUPS)[number],
    string[]
  >;
  if (reader.problems.length > 0) return { problems: reader.problems };
  const sets = Object.fromEntries(WORD_GROUPS.map((group) => [group, new Set(groups[group])])) as unknown as Omit<
    QuestionWords,
    'categories' | 'offTopic'
  >;
  return { words: { ...sets, categories, offTopic: groups.offTopic }, problems: [] };
}
