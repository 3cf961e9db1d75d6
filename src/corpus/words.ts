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

export const WORD_GROUPS = [
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
  ...(Object.fromEntries(WORD_GROUPS.map((group) => [group, new Set<string>()])) as unknown as Omit<
    QuestionWords,
    'categories' | 'offTopic'
  >),
  offTopic: [],
};
