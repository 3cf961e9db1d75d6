import stem from 'wink-porter2-stemmer';
import type { QuestionWords } from '../corpus/words.js';
import { tokenizeWords, type Word } from './tokenizer.js';
import type { Entity, Vocabulary } from './vocabulary.js';

/** What the engine reads out of a piece of text. */
export interface Analysis {
  /** Search terms: entity slugs, category ids, and stemmed content words; no stop words. */
  terms: string[];
  /** Content terms that name no company, technology, category or kind of question ("leave", "why"). */
  otherTerms: string[];
  companies: string[];
  technologies: string[];
  categories: string[];
  /** A technology named unambiguously ("Apache Spark", "PySpark"; not a bare "Spark"). */
  namesTechnologyClearly: boolean;
  consumer: boolean;
  /** A how-to, account, outage or promotion question, whatever it names. */
  offTopic: boolean;
  /** A question about the people at a company (its CEO, founders, salaries). */
  aboutPeople: boolean;
  /** Asks about a move: "did Uber move from Postgres to MySQL". */
  moves: boolean;
  /** Excludes something: "companies using Kafka but not Flink". */
  negated: boolean;
  asksStack: boolean;
  asksWhichCompanies: boolean;
}

export interface AnalyzerOptions {
  stopWords: ReadonlySet<string>;
  /** The words questions are read with (corpus/words.yaml). */
  words: QuestionWords;
  /** Words seen in the corpus: these are never "corrected" into a name. */
  knownWords?: ReadonlySet<string>;
  /** Correct typos in names (for questions people type; not for corpus text). */
  correctTypos?: boolean;
}

const MAX_STEMMED_LENGTH = 40;
/** Stems repeat endlessly across a corpus; remembering them makes indexing several times faster. */
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

/** Stems a content word; words carrying symbols or digits (c#, http/3, k8s) stay as they are. */
function stemWord(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length > MAX_STEMMED_LENGTH) return word;
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stem(word);
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Turns text into search terms and recognised names. The same analysis runs on corpus
 * entries and on questions, so aliases act as synonyms: "Postgres" and "PostgreSQL"
 * both become the term "postgresql".
 */
export class Analyzer {
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly options: AnalyzerOptions,
  ) {}

  analyze(text: string, correctTypos = this.options.correctTypos ?? false): Analysis {
    const words = tokenizeWords(text, { keepWhole: this.vocabulary.keepWhole });
    const folded = words.map(({ word }) => word);
    const terms: string[] = [];
    const otherTerms: string[] = [];
    const companies = new Set<string>();
    const technologies = new Set<string>();
    const categories = new Set<string>();
    let namesTechnologyClearly = false;
    /** Names that are both a technology and a company, settled once the whole question is read. */
    const dual: { entity: Entity; at: number }[] = [];
    /** Where each name was read, so names come out in the order typed ("move from MongoDB to Cassandra"). */
    const positions = new Map<string, number>();
    let position = 0;

    const addEntity = (entity: Entity, at = position) => {
      if (entity.alsoCompany) {
        dual.push({ entity, at });
        return;
      }
      if (!positions.has(entity.slug)) positions.set(entity.slug, at);
      terms.push(entity.slug);
      if (entity.kind === 'company') companies.add(entity.slug);
      else {
        technologies.add(entity.slug);
        if (!entity.ambiguous) namesTechnologyClearly = true;
      }
    };

    for (let index = 0; index < words.length; ) {
      position = index;
      let match = this.matchName(words, index);
      if (correctTypos && (!match || match.length === 1) && this.vocabulary.startsPhrase(words[index]!.word)) {
        // "amazon web servces" is Amazon Web Services, not the company Amazon and two stray words.
        const window = words.slice(index, index + this.vocabulary.longestPhrase).map(({ word }) => word);
        match = this.vocabulary.correctPhrase(window) ?? match;
      }
      if (match) {
        addEntity(match.entity);
        index += match.length;
        continue;
      }
      const current = words[index]!;
      const next = words[index + 1];
      const phraseCategory = next ? this.vocabulary.categoryPhrase(current.word, next.word) : undefined;
      if (phraseCategory) {
        categories.add(phraseCategory);
        terms.push(phraseCategory);
        index += 2;
        continue;
      }
      index += 1;
      const { word } = current;
      // "strike through", "back up", "e mail": two typed words that the corpus writes as one.
      const joined = next && this.options.knownWords ? word + next.word : undefined;
      if (joined && this.options.knownWords!.has(joined) && !this.options.stopWords.has(joined)) terms.push(stemWord(joined));
      const category = this.vocabulary.categoryOf(word);
      if (category) {
        categories.add(category);
        terms.push(category);
      }
      if (this.options.stopWords.has(word)) continue;
      const unknown = correctTypos && !category && !this.options.knownWords?.has(word);
      const corrected = unknown ? this.vocabulary.correct(word) : undefined;
      const correctedCategory = unknown && !corrected ? this.vocabulary.correctCategory(word) : undefined;
      if (corrected) addEntity(corrected);
      else if (correctedCategory) {
        categories.add(correctedCategory);
        terms.push(correctedCategory);
      } else if (!category || category !== word) {
        const stemmed = stemWord(this.options.words.created.has(word) && folded.includes('who') ? 'created' : word);
        terms.push(stemmed);
        if (!category && !this.options.words.stack.has(word) && !this.options.words.whichCompanies.has(word)) otherTerms.push(stemmed);
      }
    }

    const asksWhichCompanies = folded.some((word) => this.options.words.whichCompanies.has(word));
    for (const { entity, at } of dual) {
      const company = entity.alsoCompany!;
      // "Does Datadog use Go?", "Datadog's database": the company. "Does Uber use Datadog?", "who uses Datadog": the product.
      const asCompany = !asksWhichCompanies && companies.size === 0 && (technologies.size > 0 || dual.length === 1);
      if (asCompany && !companies.has(company)) {
        companies.add(company);
        positions.set(company, at);
        terms.push(company);
      } else if (!asCompany) addEntity({ ...entity, alsoCompany: undefined }, at);
    }
    const inOrder = (slugs: Set<string>) => [...slugs].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
    return {
      terms,
      otherTerms,
      companies: inOrder(companies),
      technologies: inOrder(technologies),
      categories: [...categories],
      namesTechnologyClearly,
      consumer: folded.some((word) => this.options.words.consumer.has(word)),
      offTopic: containsPhrase(folded, this.options.words.offTopic),
      moves: folded.some((word) => this.options.words.moves.has(word)),
      negated: folded.some((word) => this.options.words.negations.has(word)),
      aboutPeople: folded.some((word) => this.options.words.people.has(word)),
      asksStack: folded.some((word) => this.options.words.stack.has(word)),
      asksWhichCompanies,
    };
  }

  /** "teslas", "ubers": a company's possessive typed without its apostrophe. */
  private possessiveCompany(word: string): Entity | undefined {
    if (word.length < 5 || !word.endsWith('s')) return undefined;
    const entity = this.vocabulary.lookupWord(word.slice(0, -1));
    return entity?.kind === 'company' ? entity : undefined;
  }

  /** The longest company or technology name starting at `index`. */
  private matchName(words: readonly Word[], index: number): { entity: Entity; length: number } | undefined {
    const only = words[index]!;
    if (this.vocabulary.startsPhrase(only.word)) {
      const longest = Math.min(this.vocabulary.longestPhrase, words.length - index);
      for (let length = longest; length >= 2; length--) {
        const entity = this.vocabulary.lookup(words.slice(index, index + length).map(({ word }) => word));
        if (entity) return { entity, length };
      }
    }
    const entity = this.vocabulary.lookupWord(only.word) ?? this.possessiveCompany(only.word);
    if (!entity) return undefined;
    if (only.possessive && only.word.length === 1) return undefined;
    const previous = words[index - 1]?.word;
    const next = words[index + 1]?.word;
    // "written in go", "go and rust": a short name next to these is the technology even in lower case.
    const inContext =
      (previous !== undefined && this.options.words.technologyContext.has(previous)) || (next !== undefined && LIST_WORDS.has(next));
    return this.vocabulary.matchesCase(only.word, only.typed) || inContext ? { entity, length: 1 } : undefined;
  }
}

/** Words that join names in a list: "go and rust", "java or scala", "kafka vs flink". */
const LIST_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'vs', 'versus']);

/** Whether the words, in order, contain one of the phrases ("how to"). */
function containsPhrase(words: readonly string[], phrases: readonly string[]): boolean {
  const text = ` ${words.join(' ')} `;
  return phrases.some((phrase) => text.includes(` ${phrase} `));
}
