import SearchableMap from 'minisearch/SearchableMap';
import type { Company, Technology } from '../corpus/types.js';
import type { QuestionWords } from '../corpus/words.js';
import type { Steps } from '../slices.js';
import { editDistance, typoAllowance } from './distance.js';
import { foldText } from './normalize.js';
import { tokenize } from './tokenizer.js';

export type EntityKind = 'company' | 'technology';

export interface Entity {
  kind: EntityKind;
  slug: string;
  /** True when this name is also an everyday word or another product ("Spark", "Go"). */
  ambiguous: boolean;
  /**
   * A technology whose name is also a company's ("Datadog", "Snowflake", "Oracle"): the company's slug.
   * Which one a question means is settled by the rest of the question (see Analyzer).
   */
  alsoCompany?: string;
}

/** Single-word names that are also ordinary words or other brands; they need context to count. */
const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set([
  'spark',
  'go',
  'swift',
  'rails',
  'express',
  'ray',
  'atlas',
  'dash',
  'hack',
  'rust',
  'c',
  'r',
  'd',
  'lua',
  'flow',
  'storm',
  'beam',
  'pulsar',
  'airflow',
  'presto',
  'druid',
  'pinot',
  'kraken',
  'envoy',
  'consul',
  'vault',
  'titus',
]);

/** Short names only recognised when typed with their own capitals (so "go" the verb is not Go). */
const MIN_CASELESS_NAME_LENGTH = 3;
/** …but these short names are not everyday words, so "ts", "js", "fb" and "ig" count in lower case too. */
const CASELESS_SHORT_NAMES: ReadonlySet<string> = new Set(['ts', 'js', 'fb', 'ig', 'ml', 'ai', 'db', 'k8s', 'ror', 'gcp', 'aws']);

/**
 * What the engine can recognise in text: company and technology names (with their
 * aliases, multi-word names and typos) and the words that name a category.
 */
export class Vocabulary {
  /** Folded name as space-joined words -> entity. */
  private readonly phrases = new Map<string, Entity>();
  /** Folded names as typed, for names that must match case ("Go", "C", "R"). */
  private readonly caseSensitive = new Map<string, string>();
  /** Single-word names long enough to carry a typo, with the order they were added (ties go to the first). */
  private readonly fuzzyNames = new SearchableMap<{ entity: Entity; order: number }>();
  /** Counted here: SearchableMap's size walks the whole tree after every change. */
  private fuzzyNameCount = 0;
  private readonly categoryByWord = new Map<string, string>();
  private readonly categoryByPhrase = new Map<string, string>();
  readonly keepWhole = new Set<string>();
  /** The most words in one name. */
  longestPhrase = 1;
  /** First words of multi-word names, so most words skip the multi-word lookups. */
  private readonly phraseStarts = new Set<string>();
  /** Multi-word names by their first word, for typos in the rest ("magic pockt"). */
  private readonly phrasesByStart = new Map<string, { words: string[]; entity: Entity }[]>();
  readonly entitySlugs = new Set<string>();

  constructor(words: QuestionWords) {
    for (const [word, category] of words.categories) {
      // Two-word category names ("front end", "machine learning") are looked up as phrases.
      if (word.includes(' ')) this.categoryByPhrase.set(word, category);
      else this.categoryByWord.set(word, category);
    }
  }

  /** Adds the names of technologies and companies, a step each (see src/slices.ts). */
  *addEntities(technologies: readonly Technology[], companies: readonly Company[]): Steps {
    for (const technology of technologies) {
      this.addNames('technology', technology.slug, [technology.name, ...technology.aliases]);
      yield;
    }
    for (const company of companies) {
      this.addNames('company', company.slug, [company.name, ...company.aliases]);
      yield;
    }
  }

  private addNames(kind: EntityKind, slug: string, names: readonly string[]): void {
    this.entitySlugs.add(slug);
    for (const name of names) {
      const folded = foldText(name);
      for (const raw of folded.split(/\s+/)) if (/[.\-/]/.test(raw)) this.keepWhole.add(raw);
    }
    for (const name of names) {
      const words = tokenize(name, { keepWhole: this.keepWhole });
      const phrase = words.join(' ');
      const named = this.phrases.get(phrase);
      if (kind === 'company' && named?.kind === 'technology') named.alsoCompany ??= slug;
      if (!phrase || named) continue;
      const entity: Entity = { kind, slug, ambiguous: words.length === 1 && AMBIGUOUS_NAMES.has(phrase) };
      this.phrases.set(phrase, entity);
      this.longestPhrase = Math.max(this.longestPhrase, words.length);
      if (words.length > 1) {
        this.phraseStarts.add(words[0]!);
        this.phrasesByStart.set(words[0]!, [...(this.phrasesByStart.get(words[0]!) ?? []), { words, entity }]);
      }
      if (words.length === 1 && /^[a-z]+$/.test(phrase) && phrase.length < MIN_CASELESS_NAME_LENGTH && !CASELESS_SHORT_NAMES.has(phrase))
        this.caseSensitive.set(phrase, name.trim());
      if (words.length === 1 && typoAllowance(phrase.length) > 0) this.fuzzyNames.set(phrase, { entity, order: this.fuzzyNameCount++ });
    }
  }

  /** Whether some multi-word name starts with this word. */
  startsPhrase(word: string): boolean {
    return this.phraseStarts.has(word);
  }

  /** The entity named by exactly these words, if any. */
  lookup(words: readonly string[]): Entity | undefined {
    return this.phrases.get(words.length === 1 ? words[0]! : words.join(' '));
  }

  lookupWord(word: string): Entity | undefined {
    return this.phrases.get(word);
  }

  /** Whether a short name was typed the way it is spelled ("Go" yes, "go" no). */
  matchesCase(word: string, typed: string): boolean {
    const spelled = this.caseSensitive.get(word);
    return spelled === undefined || spelled === typed;
  }

  /** The entity a misspelt word most likely means ("netflx" -> Netflix), if one is close enough. */
  correct(word: string): Entity | undefined {
    const allowance = typoAllowance(word.length);
    if (allowance === 0) return undefined;
    let best: { distance: number; order: number; entity: Entity } | undefined;
    // MiniSearch's fuzzyGet (the trie, instead of a scan over every name) is plain Levenshtein, where a
    // swap costs 2. It finds the candidates one edit further; editDistance, where a swap costs 1, ranks them.
    // Ranking by fuzzyGet's own distance lost a typo question ("instagarm" tied with Instacart): 19/20 vs 20/20.
    for (const [known, [{ entity, order }]] of this.fuzzyNames.fuzzyGet(word, allowance + 1)) {
      const distance = editDistance(word, known, allowance);
      if (distance > allowance) continue;
      if (!best || distance < best.distance || (distance === best.distance && order < best.order)) best = { distance, order, entity };
    }
    return best?.entity;
  }

  /** The category a misspelt category word most likely means ("databse" -> database). */
  correctCategory(word: string): string | undefined {
    const allowance = typoAllowance(word.length);
    if (allowance === 0) return undefined;
    for (const [known, category] of this.categoryByWord) {
      if (known.length >= 5 && editDistance(word, known, allowance) <= allowance) return category;
    }
    return undefined;
  }

  /**
   * A multi-word name typed with a typo after its first word, starting at `words[0]`:
   * "magic pockt" -> Magic Pocket. Returns the entity and how many words it spans.
   */
  correctPhrase(words: readonly string[]): { entity: Entity; length: number } | undefined {
    for (const candidate of this.phrasesByStart.get(words[0] ?? '') ?? []) {
      const typed = words.slice(0, candidate.words.length);
      if (typed.length < candidate.words.length) continue;
      // The first word matched exactly; the typo allowance is for the rest alone, so
      // "apache nifi" does not become Apache Hive.
      const known = candidate.words.slice(1).join(' ');
      const allowance = typoAllowance(known.length);
      if (allowance > 0 && editDistance(typed.slice(1).join(' '), known, allowance) <= allowance) {
        return { entity: candidate.entity, length: typed.length };
      }
    }
    return undefined;
  }

  categoryOf(word: string): string | undefined {
    return this.categoryByWord.get(word);
  }

  /** The category two typed words name together ("front end" -> frontend), if any. */
  categoryPhrase(first: string, second: string): string | undefined {
    return this.categoryByPhrase.get(`${first} ${second}`);
  }
}
