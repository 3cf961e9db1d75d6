import { TechnologyCatalog } from '../corpus/catalog.js';
import { findCategory } from '../corpus/categories.js';
import { deriveEntries, intentKey } from '../corpus/derive.js';
import { SourceRegistry } from '../corpus/sources.js';
import type { Citation, Company, Corpus, Entry, Intent } from '../corpus/types.js';
import { type Analysis, Analyzer } from './analyzer.js';
import { EntryIndex, type Hit, type IndexOptions } from './entry-index.js';
import { intentOf } from './intent.js';
import { foldText } from './normalize.js';
import { QUERY_LIMITS, validateQuery } from './query-limits.js';
import { type AnswerReason, type AskResult, type EntrySummary, summarize } from './results.js';
import { ENGLISH_STOP_WORDS, STACK_QUESTION_STOP_WORDS } from './stopwords.js';
import { SuggestIndex } from './suggest-index.js';
import { tokenize } from './tokenizer.js';
import { Vocabulary } from './vocabulary.js';

export interface EngineOptions extends IndexOptions {
  /** Confidence at or above which the best entry is given as the answer. */
  answerThreshold: number;
  /** Confidence below which, with no company or technology recognised, a question is out of scope. */
  unsureThreshold: number;
  /** How far ahead of the runner-up the best entry must be, unless it matches the question's intent. */
  minMargin: number;
  /** Added to the entry that answers the question's structured intent exactly. */
  intentBonus: number;
  candidates: number;
  alternatives: number;
  related: number;
  suggestions: number;
  /** 0..1: how much confidence counts the share of the entry's own question found in the query. */
  reverseWeight: number;
  /** 0..1: how much the ranking follows question coverage rather than the full-text score. */
  coverageWeight: number;
  /** Words ignored when matching. */
  stopWords: ReadonlySet<string>;
  /** The year derived answers are written in, to mark dated facts; the clock's year unless set. */
  currentYear?: number;
}

const ENGINE_DEFAULTS: EngineOptions = {
  boost: { question: 3, phrasings: 2, tags: 1.5, answer: 0.4 },
  fuzzy: 0.2,
  bm25: { k: 1.2, b: 0.9, d: 0.5 },
  answerThreshold: 0.7,
  unsureThreshold: 0.35,
  minMargin: 0.08,
  intentBonus: 0.2,
  candidates: 20,
  alternatives: 4,
  related: 4,
  suggestions: 25,
  coverageWeight: 0.7,
  reverseWeight: 0.3,
  stopWords: new Set([...ENGLISH_STOP_WORDS, ...STACK_QUESTION_STOP_WORDS]),
};

/** Who is asking: a server sees the shipped corpus plus its own entries. */
export interface AskContext {
  guildId?: string;
}

interface Candidate {
  entry: Entry;
  score: number;
  coverage: number;
  compatible: boolean;
  intentMatch: boolean;
  /** Coverage, halved when a named company or technology is missing, plus the intent bonus; may exceed 1. */
  confidence: number;
  /** What candidates are ordered by: confidence mixed with the full-text score (see coverageWeight). */
  rankKey: number;
}

/** Fewer suggestions than this that contain every typed word are topped up with partial matches. */
const MIN_STRICT_SUGGESTIONS = 5;

/** On a tie in autocomplete, questions written by people come first. */
const CURATED_SUGGEST_BOOST = 1.2;

const ORIGIN_PRIORITY: Record<Entry['origin'], number> = { server: 0, curated: 1, derived: 2 };

/**
 * Matches questions to corpus entries and knows when it doesn't know.
 * Knows nothing of Discord: every front end (CLI, bot) calls ask, suggest and related.
 */
export class AnswerEngine {
  readonly options: EngineOptions;
  private readonly catalog: TechnologyCatalog;
  private readonly sources: SourceRegistry;
  private readonly companies: Map<string, Company>;
  private readonly vocabulary: Vocabulary;
  private readonly analyzer: Analyzer;
  private readonly index: EntryIndex;
  private readonly suggestIndex: SuggestIndex;
  /** Intent key -> entries that answer it. */
  private readonly byIntent = new Map<string, Entry[]>();
  /** Technology slug -> "Does X use it?" entries, for related questions. */
  private readonly usesByTechnology = new Map<string, Entry[]>();
  /** Server id -> shipped entries that server has hidden or replaced. */
  private readonly hiddenByGuild = new Map<string, Set<string>>();
  /** Folded company name, alias or slug -> slug. */
  private readonly companyByName = new Map<string, string>();

  constructor(corpus: Corpus, options: Partial<EngineOptions> = {}) {
    this.options = { ...ENGINE_DEFAULTS, ...options };
    this.catalog = new TechnologyCatalog(corpus.technologies);
    this.sources = new SourceRegistry(corpus.sources);
    this.companies = new Map(corpus.companies.map((company) => [company.slug, company]));
    for (const company of corpus.companies) {
      for (const name of [company.slug, company.name, ...company.aliases]) this.companyByName.set(foldText(name), company.slug);
    }
    this.vocabulary = new Vocabulary(corpus.technologies, corpus.companies);
    const { stopWords } = this.options;
    const indexAnalyzer = new Analyzer(this.vocabulary, { stopWords });
    this.index = new EntryIndex(
      indexAnalyzer,
      (entry) => this.tagNames(entry),
      this.options,
      (term) => this.vocabulary.entitySlugs.has(term),
    );

    this.suggestIndex = new SuggestIndex(
      (entry) => this.namesWithAliases(entry),
      (id) => (this.index.get(id)?.origin === 'derived' ? 1 : CURATED_SUGGEST_BOOST),
      this.options.stopWords,
    );

    const curated = corpus.entries.map((entry) => this.withIntent(entry, indexAnalyzer));
    const claimed = new Set(curated.flatMap((entry) => (entry.intent ? [intentKey(entry.intent)] : [])));
    const lookup = {
      technology: (slug: string) => this.catalog.get(slug),
      sources: this.sources,
      currentYear: this.options.currentYear ?? new Date().getUTCFullYear(),
    };
    const derived = deriveEntries(corpus.companies, lookup, claimed);
    const entries = [...curated, ...derived];
    this.index.addAll(entries);
    this.suggestIndex.addAll(entries);
    for (const entry of entries) this.trackIntent(entry);

    const knownWords = new Set<string>();
    for (const entry of entries) {
      for (const word of tokenize(`${entry.question}\n${entry.phrasings.join('\n')}\n${entry.answer}`)) knownWords.add(word);
    }
    this.analyzer = new Analyzer(this.vocabulary, { stopWords, knownWords, correctTypos: true });
  }

  /** An entry's sources as answers show them: titled when recorded in corpus/sources/. */
  citations(entry: Entry): Citation[] {
    return this.sources.cite(entry.sources);
  }

  get size(): number {
    return this.index.size;
  }

  entry(id: string): Entry | undefined {
    return this.index.get(id);
  }

  /** The entry, if it exists and this server may see it. */
  visibleEntry(id: string, context: AskContext = {}): Entry | undefined {
    const entry = this.index.get(id);
    return entry && this.visible(entry, context) ? entry : undefined;
  }

  entries(context: AskContext = {}): Entry[] {
    return [...this.index.all()].filter((entry) => this.visible(entry, context));
  }

  company(slug: string): Company | undefined {
    return this.companies.get(slug);
  }

  allCompanies(): Company[] {
    return [...this.companies.values()];
  }

  /** Adds an entry, or replaces the one with the same id, in the live index. */
  upsert(entry: Entry): Entry {
    const existing = this.index.get(entry.id);
    if (existing) this.untrackIntent(existing);
    const withIntent = this.withIntent(entry, this.analyzer);
    this.index.upsert(withIntent);
    this.suggestIndex.upsert(withIntent, existing !== undefined);
    this.trackIntent(withIntent);
    return withIntent;
  }

  remove(id: string): boolean {
    const existing = this.index.get(id);
    if (existing) this.untrackIntent(existing);
    this.suggestIndex.remove(id);
    return this.index.remove(id);
  }

  /** Hides a shipped entry in one server (it was removed or replaced there), or shows it again. */
  setHidden(guildId: string, id: string, hidden: boolean): void {
    const set = this.hiddenByGuild.get(guildId) ?? new Set<string>();
    if (hidden) set.add(id);
    else set.delete(id);
    if (set.size) this.hiddenByGuild.set(guildId, set);
    else this.hiddenByGuild.delete(guildId);
  }

  /** The companies and technologies a tag names (by name, alias or slug), or nothing. */
  resolveTag(tag: string): { company?: string; technology?: string } {
    const technology = this.catalog.find(tag.trim())?.slug;
    const company = this.companyByName.get(foldText(tag.trim()));
    return { ...(company ? { company } : {}), ...(technology ? { technology } : {}) };
  }

  /** The companies and technologies a question names. */
  namedIn(question: string): { companies: string[]; technologies: string[] } {
    const analysis = this.analyzer.analyze(validateQuery(question), false);
    return { companies: analysis.companies, technologies: analysis.technologies };
  }

  /** A question's analysed terms (stemmed, names as one term), e.g. to group similar wordings. */
  questionTerms(question: string): string[] {
    return [...new Set(this.analyzer.analyze(question.slice(0, QUERY_LIMITS.maxChars), false).terms)];
  }

  /**
   * A visible entry that already asks this question: the same structured intent, or the
   * same words as its question or one of its phrasings. Used to refuse duplicates.
   */
  findDuplicate(question: string, context: AskContext = {}, exceptIds: readonly string[] = []): Entry | undefined {
    const analysis = this.analyzer.analyze(validateQuery(question), false);
    if (analysis.terms.length === 0) return undefined;
    // "Does Discord use Rust for read states?" asks more than "Does Discord use Rust?".
    const intent = analysis.otherTerms.length === 0 ? intentOf(analysis) : undefined;
    return this.rank(analysis, intent, context).find((candidate) => candidate.intentMatch && !exceptIds.includes(candidate.entry.id))
      ?.entry;
  }

  /** Answers a question. Throws QueryError for input that is not a question at all. */
  ask(question: string, context: AskContext = {}): AskResult {
    const text = validateQuery(question);
    const analysis = this.analyzer.analyze(text);
    if (analysis.terms.length === 0) return this.notAnswered('out_of_scope', 'no_match', [], 0);
    if (analysis.consumer && !analysis.namesTechnologyClearly) {
      return this.notAnswered('out_of_scope', 'consumer', [], 0, CONSUMER_NOTICE);
    }

    const intent = intentOf(analysis);
    const candidates = this.rank(analysis, intent, context);
    const [best, second] = candidates;
    const alternatives = candidates.slice(0, this.options.alternatives).map(({ entry }) => summarize(entry));
    const namesSomething = analysis.companies.length + analysis.technologies.length > 0;

    if (best?.compatible && best.confidence >= this.options.answerThreshold) {
      const { minMargin } = this.options;
      const clearlyAhead =
        !second || best.intentMatch || best.rankKey - second.rankKey >= minMargin || best.confidence - second.confidence >= minMargin;
      if (clearlyAhead) {
        return {
          status: 'answered',
          reason: 'matched',
          entry: best.entry,
          confidence: round(Math.min(1, best.confidence)),
          alternatives: [],
          related: this.related(best.entry.id, context),
        };
      }
      return this.notAnswered('unsure', 'ambiguous', alternatives, best.confidence);
    }

    if (analysis.companies.length === 1 && analysis.technologies.length >= 1) {
      return this.noRecord(analysis.companies[0]!, analysis.technologies[0]!, candidates, context);
    }
    const confidence = best?.confidence ?? 0;
    if (namesSomething || confidence >= this.options.unsureThreshold) {
      const relevant = candidates.filter((candidate) => candidate.compatible || candidate.coverage >= this.options.unsureThreshold);
      if (relevant.length > 0) {
        return this.notAnswered(
          'unsure',
          'weak',
          relevant.slice(0, this.options.alternatives).map(({ entry }) => summarize(entry)),
          confidence,
        );
      }
    }
    return this.notAnswered('out_of_scope', 'no_match', [], confidence);
  }

  /** Up to `limit` entry questions for a partly typed question, best first (for autocomplete). */
  suggest(partial: string, context: AskContext = {}, limit = this.options.suggestions): EntrySummary[] {
    const text = partial.slice(0, QUERY_LIMITS.maxChars);
    if (text.trim() === '') {
      return this.entries(context)
        .sort((a, b) => ORIGIN_PRIORITY[a.origin] - ORIGIN_PRIORITY[b.origin] || a.question.localeCompare(b.question))
        .slice(0, limit)
        .map(summarize);
    }
    const finished = /\s$/.test(text);
    const seen = new Set<string>();
    const suggestions: EntrySummary[] = [];
    for (const all of [true, false]) {
      for (const id of this.suggestIndex.find(text, { limit: limit * 3, finished, all })) {
        const entry = this.index.get(id);
        if (suggestions.length >= limit) break;
        if (!entry || seen.has(entry.question) || !this.visible(entry, context)) continue;
        seen.add(entry.question);
        suggestions.push(summarize(entry));
      }
      // Questions with every word come first; looser matches only fill a short list.
      if (suggestions.length >= MIN_STRICT_SUGGESTIONS) break;
    }
    return suggestions;
  }

  /**
   * Related questions for an entry, most useful first: curated related ids, then the
   * same company's other views and other companies with the same technology, then
   * textual neighbours. Never the entry itself, never twice.
   */
  related(id: string, context: AskContext = {}, limit = this.options.related): EntrySummary[] {
    const entry = this.index.get(id);
    if (!entry) return [];
    const picked: Entry[] = [];
    const seenQuestions = new Set([entry.question]);
    const offer = (candidate: Entry | undefined) => {
      if (!candidate || picked.length >= limit || candidate.id === id) return;
      if (seenQuestions.has(candidate.question) || !this.visible(candidate, context)) return;
      seenQuestions.add(candidate.question);
      picked.push(candidate);
    };
    const byKey = (intent: Intent) => this.intentEntry(intent, context);

    for (const relatedId of entry.related) offer(this.index.get(relatedId));
    const company = entry.companies.length === 1 ? entry.companies[0] : undefined;
    const technology = entry.technologies.length === 1 ? entry.technologies[0] : undefined;
    if (company && technology) {
      const category = this.catalog.get(technology)?.category;
      if (category) offer(byKey({ kind: 'category', company, category }));
      offer(byKey({ kind: 'users', technology }));
    }
    if (company) offer(byKey({ kind: 'stack', company }));
    if (technology) {
      const other = this.usesByTechnology.get(technology)?.find((candidate) => !company || !candidate.companies.includes(company));
      offer(other);
    }
    if (company) {
      const categories = new Set(this.companies.get(company)?.facts.map((fact) => fact.category));
      for (const category of categories) offer(byKey({ kind: 'category', company, category }));
    }
    if (picked.length < limit) {
      const terms = this.analyzer.analyze(entry.question, false).terms;
      for (const hit of this.index.find(terms, { limit: limit * 4, questionOnly: true })) offer(hit.entry);
    }
    return picked.map(summarize);
  }

  /** Entries ranked for a question, best first, with how confident the engine is in each (for benchmarks). */
  rankEntries(question: string, context: AskContext = {}, limit = this.options.candidates): { entry: Entry; confidence: number }[] {
    const analysis = this.analyzer.analyze(validateQuery(question));
    return this.rank(analysis, intentOf(analysis), context, limit).map(({ entry, confidence }) => ({ entry, confidence }));
  }

  private rank(analysis: Analysis, intent: Intent | undefined, context: AskContext, limit = this.options.candidates): Candidate[] {
    const hits = this.index.find(analysis.terms, { limit });
    const intended = intent ? this.intentEntry(intent, context) : undefined;
    // The entry for the question's exact intent can fall outside the text search's top hits when its
    // words are common across the corpus ("database"); it is ranked as if it had the best text score.
    if (intended && !hits.some((hit) => hit.entry.id === intended.id)) {
      hits.push({ entry: intended, score: Math.max(0, ...hits.map((hit) => hit.score)) });
    }

    const candidates: Candidate[] = [];
    for (const hit of hits) {
      if (!this.visible(hit.entry, context)) continue;
      // An entry overridden for this server (same intent, lower priority) is not a rival.
      const shadowed =
        intended && hit.entry !== intended && hit.entry.intent && intentKey(hit.entry.intent) === intentKey(intended.intent!);
      if (shadowed) continue;
      candidates.push(this.judge(hit, analysis, hit.entry.id === intended?.id));
    }
    const topScore = Math.max(1e-9, ...candidates.map((candidate) => candidate.score));
    const weight = this.options.coverageWeight;
    for (const candidate of candidates) {
      candidate.rankKey = weight * candidate.confidence + (1 - weight) * (candidate.score / topScore);
    }
    return candidates.sort((a, b) => b.rankKey - a.rankKey || b.score - a.score);
  }

  private judge({ entry, score }: Hit, analysis: Analysis, intentMatch: boolean): Candidate {
    const forward = this.index.coverage(analysis.terms, entry.id);
    const reverse = this.index.reverseCoverage(analysis.terms, entry.id);
    const coverage = (1 - this.options.reverseWeight) * forward + this.options.reverseWeight * reverse;
    const compatible =
      analysis.companies.every((company) => entry.companies.includes(company)) &&
      analysis.technologies.every((technology) => entry.technologies.includes(technology));
    // The entry lists this very question (its own or a phrasing, word for word after analysis).
    const asksThis = compatible && forward >= EXACT && reverse >= EXACT;
    let confidence = compatible ? coverage : coverage * 0.5;
    if (intentMatch || asksThis) confidence += this.options.intentBonus;
    return { entry, score, coverage, compatible, intentMatch: intentMatch || asksThis, confidence, rankKey: confidence };
  }

  private noRecord(companySlug: string, technologySlug: string, candidates: Candidate[], context: AskContext): AskResult {
    const company = this.companies.get(companySlug);
    const technology = this.catalog.get(technologySlug);
    const category = technology ? findCategory(technology.category) : undefined;
    const known = company?.facts
      .filter((fact) => fact.category === technology?.category && fact.status !== 'formerly-used')
      .map((fact) => this.catalog.get(fact.technology)?.name ?? fact.technology);
    let notice = `The Stackwise corpus has no record of ${company?.name ?? companySlug} using ${technology?.name ?? technologySlug}, so I can't say either way.`;
    if (category && known?.length) notice += ` For ${category.label.toLowerCase()}, ${company?.name} is known to use: ${known.join(', ')}.`;

    const alternatives: Entry[] = [];
    const offer = (entry: Entry | undefined) => {
      if (entry && !alternatives.some((other) => other.id === entry.id)) alternatives.push(entry);
    };
    if (category) offer(this.intentEntry({ kind: 'category', company: companySlug, category: category.id }, context));
    offer(this.intentEntry({ kind: 'users', technology: technologySlug }, context));
    offer(this.intentEntry({ kind: 'stack', company: companySlug }, context));
    for (const candidate of candidates) if (candidate.compatible) offer(candidate.entry);
    const summaries = alternatives.slice(0, this.options.alternatives).map(summarize);
    return this.notAnswered('unsure', 'no_record', summaries, candidates[0]?.confidence ?? 0, notice);
  }

  private notAnswered(
    status: 'unsure' | 'out_of_scope',
    reason: AnswerReason,
    alternatives: EntrySummary[],
    confidence: number,
    notice?: string,
  ): AskResult {
    return {
      status,
      reason,
      entry: null,
      confidence: round(Math.min(1, confidence)),
      alternatives,
      related: [],
      ...(notice ? { notice } : {}),
    };
  }

  private intentEntry(intent: Intent, context: AskContext): Entry | undefined {
    return this.byIntent.get(intentKey(intent))?.find((entry) => this.visible(entry, context));
  }

  private visible(entry: Entry, context: AskContext): boolean {
    if (entry.guildId !== undefined) return entry.guildId === context.guildId;
    return context.guildId === undefined || !this.hiddenByGuild.get(context.guildId)?.has(entry.id);
  }

  /** A curated or server entry answers a structured intent when its question has one. */
  private withIntent(entry: Entry, analyzer: Analyzer): Entry {
    if (entry.origin === 'derived') return entry;
    const analysis = analyzer.analyze(entry.question, false);
    // "Why did Twitter leave Rails?" asks more than "Does Twitter use Rails?": it claims no intent.
    const intent = analysis.otherTerms.length === 0 ? intentOf(analysis) : undefined;
    const { intent: _old, ...rest } = entry;
    return intent ? { ...rest, intent } : rest;
  }

  private trackIntent(entry: Entry): void {
    if (!entry.intent) return;
    if (entry.intent.kind === 'uses') {
      const { technology } = entry.intent;
      this.usesByTechnology.set(technology, [...(this.usesByTechnology.get(technology) ?? []), entry]);
    }
    const key = intentKey(entry.intent);
    const list = [...(this.byIntent.get(key) ?? []), entry];
    list.sort((a, b) => ORIGIN_PRIORITY[a.origin] - ORIGIN_PRIORITY[b.origin]);
    this.byIntent.set(key, list);
  }

  private untrackIntent(entry: Entry): void {
    if (!entry.intent) return;
    if (entry.intent.kind === 'uses') {
      const { technology } = entry.intent;
      const remaining = (this.usesByTechnology.get(technology) ?? []).filter((other) => other.id !== entry.id);
      if (remaining.length) this.usesByTechnology.set(technology, remaining);
      else this.usesByTechnology.delete(technology);
    }
    const key = intentKey(entry.intent);
    const list = (this.byIntent.get(key) ?? []).filter((other) => other.id !== entry.id);
    if (list.length) this.byIntent.set(key, list);
    else this.byIntent.delete(key);
  }

  private namesWithAliases(entry: Entry): string[] {
    return [
      ...entry.companies.flatMap((slug) => {
        const company = this.companies.get(slug);
        return company ? [company.name, ...company.aliases] : [];
      }),
      ...entry.technologies.flatMap((slug) => {
        const technology = this.catalog.get(slug);
        return technology ? [technology.name, ...technology.aliases] : [];
      }),
    ];
  }

  /** The names of the companies and technologies an entry is about. */
  tagNames(entry: Entry): string[] {
    return [
      ...entry.companies.map((slug) => this.companies.get(slug)?.name ?? slug),
      ...entry.technologies.map((slug) => this.catalog.get(slug)?.name ?? slug),
    ];
  }
}

const CONSUMER_NOTICE =
  'That sounds like a question about a product or subscription, not about the technology behind it. ' +
  'I answer tech-stack questions, like "Does Netflix use Apache Spark?"';

/** Coverage this close to 1 means every term is there (weights are floating point). */
const EXACT = 0.999;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
