import type { TechnologyCatalog } from '../corpus/catalog.js';
import { deriveEntries, intentKey } from '../corpus/derive.js';
import { CorpusNames } from '../corpus/names.js';
import { SourceRegistry } from '../corpus/sources.js';
import type { Citation, Company, Corpus, Entry, Intent } from '../corpus/types.js';
import type { QuestionWords } from '../corpus/words.js';
import { runInSlices, runNow, type Steps } from '../slices.js';
import { type Analysis, Analyzer } from './analyzer.js';
import { EntryIndex } from './entry-index.js';
import { factNotice } from './fact-notice.js';
import { intentOf } from './intent.js';
import { ORIGIN_PRIORITY, withIntent } from './intent-index.js';
import { buildQueryEntry, multiEntityQuery, queryEntryId } from './multi-entity.js';
import { foldText } from './normalize.js';
import { ENGINE_DEFAULTS, type EngineOptions } from './options.js';
import { QUERY_LIMITS, validateQuery } from './query-limits.js';
import { type Candidate, Ranker } from './ranking.js';
import { type AnswerReason, type AskResult, type EntrySummary, summarize } from './results.js';
import { Shelf } from './shelf.js';
import type { EngineSnapshot } from './snapshot.js';
import { SuggestIndex } from './suggest-index.js';
import { tokenize } from './tokenizer.js';
import { NO_SERVER, type Scope, ServerVisibility } from './visibility.js';
import { Vocabulary } from './vocabulary.js';

/** Shorter typed words are too ambiguous to correct in autocomplete. */
const MIN_CORRECTED_LENGTH = 5;

/** Fewer suggestions than this that contain every typed word are topped up with partial matches. */
const MIN_STRICT_SUGGESTIONS = 5;

/** On a tie in autocomplete, questions written by people come first. */
const CURATED_SUGGEST_BOOST = 1.2;

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
  /** Reads questions and answers as the index stores them. */
  private readonly indexAnalyzer: Analyzer;
  /** Reads what people ask: also corrects typos against the corpus's words. */
  private readonly analyzer: Analyzer;
  /** The shipped corpus's indexes. */
  private readonly shipped: Shelf;
  /** Each server's own entries, in indexes of their own (see Shelf). */
  private readonly servers = new Map<string, Shelf>();
  /** Server entry id -> its server, to find an entry's shelf by id. */
  private readonly serverOf = new Map<string, string>();
  private readonly ranker: Ranker;
  private readonly visibility = new ServerVisibility();
  private readonly stopWords: ReadonlySet<string>;
  /** The first shipped entries in opening order, for empty autocompletes (see openingSuggestions). */
  private openingShipped: Entry[] | undefined;
  /** Folded company name, alias or slug -> slug. */
  private readonly names: CorpusNames;
  private readonly words: QuestionWords;
  /** Every word of every entry: such a word is never "corrected". */
  private readonly knownWords = new Set<string>();

  /** Builds the engine at once, holding the event loop: for tools, tests and small corpora. */
  static create(corpus: Corpus, options: Partial<EngineOptions> = {}): AnswerEngine {
    const engine = new AnswerEngine(corpus, options);
    runNow(engine.indexCorpus(corpus));
    return engine;
  }

  /** Builds the engine in bounded slices, so the process keeps answering meanwhile (start-up, reloads). */
  static async build(corpus: Corpus, options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
    const engine = new AnswerEngine(corpus, options);
    await runInSlices(engine.indexCorpus(corpus));
    return engine;
  }

  /**
   * An engine as it was when `snapshot()` was taken, without parsing, analysing or indexing again;
   * in slices, like `build`. The options must be those it was built with (the snapshot file's key checks).
   */
  static async restore(snapshot: EngineSnapshot, options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
    const engine = new AnswerEngine({ ...snapshot.corpus, entries: [] }, options);
    await runInSlices(engine.restoreSteps(snapshot));
    return engine;
  }

  private *restoreSteps(snapshot: EngineSnapshot): Steps {
    yield* this.vocabulary.addEntities(snapshot.corpus.technologies, snapshot.corpus.companies);
    for (const { entry, terms } of snapshot.entries) {
      this.shipped.index.restoreEntry(entry, terms);
      this.shipped.intents.track(entry);
      yield;
    }
    for (const word of snapshot.knownWords) {
      this.knownWords.add(word);
      yield;
    }
    yield* this.shipped.index.loadSnapshot(snapshot.entrySearch, snapshot.termEntries);
    yield* this.shipped.suggest.restore(snapshot.suggestSearch, snapshot.suggestWords);
  }

  /** The engine as plain data, for `restore`: the shipped corpus as built (server entries are on shelves of their own). */
  snapshot(): EngineSnapshot {
    const { technologies, companies, sources, words } = this.corpus;
    const index = this.shipped.index.snapshot();
    const suggest = this.shipped.suggest.snapshot();
    return {
      corpus: { technologies, companies, sources, words },
      entries: [...this.shipped.index.all()].map((entry) => ({ entry, terms: this.shipped.index.termsOf(entry.id)! })),
      termEntries: index.termEntries,
      entrySearch: index.search,
      suggestSearch: suggest.search,
      suggestWords: suggest.words,
      knownWords: [...this.knownWords],
    };
  }

  private constructor(
    /** What the engine was built from, kept for `snapshot()`. */
    private readonly corpus: Corpus,
    options: Partial<EngineOptions>,
  ) {
    this.options = { ...ENGINE_DEFAULTS, ...options };
    this.names = corpus.names ?? new CorpusNames(corpus.technologies, corpus.companies);
    this.catalog = this.names.catalog;
    this.sources = new SourceRegistry(corpus.sources);
    this.companies = new Map(corpus.companies.map((company) => [company.slug, company]));
    this.words = corpus.words;
    this.vocabulary = new Vocabulary(corpus.words);
    // Question chatter from corpus/words.yaml is ignored like English stop words.
    const stopWords = new Set([...this.options.stopWords, ...corpus.words.chatter]);
    this.stopWords = stopWords;
    this.indexAnalyzer = new Analyzer(this.vocabulary, { stopWords, words: corpus.words });
    this.ranker = new Ranker(this.options);
    this.shipped = this.newShelf();
    // knownWords fills as the corpus is indexed; the analyzer reads the same set.
    this.analyzer = new Analyzer(this.vocabulary, { stopWords, words: corpus.words, knownWords: this.knownWords, correctTypos: true });
  }

  /** Empty indexes; a server's judge how rare a term is by the shipped corpus's counts. */
  private newShelf(rarity?: EntryIndex): Shelf {
    const index = new EntryIndex(
      this.indexAnalyzer,
      (entry) => this.tagNames(entry),
      this.options,
      (term) => this.vocabulary.entitySlugs.has(term),
      rarity,
    );
    const suggest = new SuggestIndex(
      (entry) => this.namesWithAliases(entry),
      (id) => (index.get(id)?.origin === 'derived' ? 1 : CURATED_SUGGEST_BOOST),
      (id) => index.get(id),
      this.stopWords,
    );
    return new Shelf(index, suggest);
  }

  /** The shelves a question in this scope searches: the shipped one, and its server's if it has entries. */
  private shelvesFor(scope: Scope): Shelf[] {
    const own = scope.guildId === undefined ? undefined : this.servers.get(scope.guildId);
    return own ? [this.shipped, own] : [this.shipped];
  }

  /** The shelf that holds (or would hold) an entry: its server's, or the shipped one. */
  private shelfOf(entry: Pick<Entry, 'guildId'>): Shelf {
    if (entry.guildId === undefined) return this.shipped;
    let shelf = this.servers.get(entry.guildId);
    if (!shelf) {
      shelf = this.newShelf(this.shipped.index);
      this.servers.set(entry.guildId, shelf);
    }
    return shelf;
  }

  /** The names the engine recognises, then the curated entries and those derived from the facts, one at a time. */
  private *indexCorpus(corpus: Corpus): Steps {
    yield* this.vocabulary.addEntities(corpus.technologies, corpus.companies);
    const curated: Entry[] = [];
    for (const entry of corpus.entries) {
      curated.push(withIntent(entry, this.indexAnalyzer));
      yield;
    }
    const claimed = new Set(curated.flatMap((entry) => (entry.intent ? [intentKey(entry.intent)] : [])));
    const lookup = {
      technology: (slug: string) => this.catalog.get(slug),
      sources: this.sources,
      currentYear: this.options.currentYear ?? new Date().getUTCFullYear(),
    };
    const derived = yield* deriveEntries(corpus.companies, lookup, claimed);
    const entries = [...curated, ...derived];
    yield* this.shipped.index.addAll(entries);
    for (const entry of entries) {
      this.shipped.suggest.add(entry);
      this.shipped.intents.track(entry);
      for (const word of tokenize(`${entry.question}\n${entry.phrasings.join('\n')}\n${entry.answer}`)) this.knownWords.add(word);
      yield;
    }
  }

  /** An entry's sources as answers show them: titled when recorded in corpus/sources/. */
  citations(entry: Entry): Citation[] {
    return this.sources.cite(entry.sources);
  }

  get size(): number {
    let size = this.shipped.index.size;
    for (const shelf of this.servers.values()) size += shelf.index.size;
    return size;
  }

  entry(id: string): Entry | undefined {
    return this.storedEntry(id) ?? this.queryEntry(id);
  }

  /** A shipped or server entry by id (not one built at query time). */
  private storedEntry(id: string): Entry | undefined {
    const guildId = this.serverOf.get(id);
    return (guildId === undefined ? undefined : this.servers.get(guildId)?.get(id)) ?? this.shipped.get(id);
  }

  /** The entry, if it exists and this server may see it. */
  visibleEntry(id: string, scope: Scope = NO_SERVER): Entry | undefined {
    const entry = this.entry(id);
    return entry && this.visibility.visible(entry, scope) ? entry : undefined;
  }

  /** An answer built from the facts at query time ("q:…" ids), rebuilt from its id, e.g. after a restart. */
  private queryEntry(id: string): Entry | undefined {
    if (!id.startsWith('q:')) return undefined;
    const facts = {
      company: (slug: string) => this.companies.get(slug),
      companies: () => this.companies.values(),
      catalog: this.catalog,
      sources: this.sources,
    };
    return buildQueryEntry(id, facts, this.options.currentYear ?? new Date().getUTCFullYear());
  }

  entries(scope: Scope = NO_SERVER): Entry[] {
    return this.shelvesFor(scope).flatMap((shelf) => [...shelf.index.all()].filter((entry) => this.visibility.visible(entry, scope)));
  }

  company(slug: string): Company | undefined {
    return this.companies.get(slug);
  }

  allCompanies(): Company[] {
    return [...this.companies.values()];
  }

  /** The one way to find a company: by name, alias or slug, tolerating a typo ("netflx"). */
  findCompany(name: string): Company | undefined {
    const exact = this.names.company(name);
    if (exact) return this.companies.get(exact);
    const typo = this.vocabulary.correct(foldText(name.trim()));
    return typo?.kind === 'company' ? this.companies.get(typo.slug) : undefined;
  }

  /** Companies whose name or alias starts with or contains what was typed, best first (for autocomplete). */
  companiesMatching(typed: string, limit: number): Company[] {
    const wanted = foldText(typed.trim());
    const score = (company: Company) => {
      const names = [company.name, ...company.aliases].map(foldText);
      if (names.some((name) => name.startsWith(wanted))) return 0;
      return names.some((name) => name.includes(wanted)) ? 1 : 2;
    };
    return this.allCompanies()
      .map((company) => ({ company, rank: wanted ? score(company) : 0 }))
      .filter(({ rank }) => rank < 2)
      .sort((a, b) => a.rank - b.rank || a.company.name.localeCompare(b.company.name))
      .slice(0, limit)
      .map(({ company }) => company);
  }

  /** The entry that answers "What tech stack does X use?" in this scope: a server's, a curated one, or the derived one. */
  stackEntry(companySlug: string, scope: Scope = NO_SERVER): Entry | undefined {
    return this.intentEntry({ kind: 'stack', company: companySlug }, scope);
  }

  /** Adds an entry, or replaces the one with the same id, in the live index. */
  upsert(entry: Entry): Entry {
    const indexed = withIntent(entry, this.analyzer);
    if (indexed.guildId === undefined) this.openingShipped = undefined;
    this.shelfOf(indexed).upsert(indexed);
    if (indexed.guildId !== undefined) this.serverOf.set(indexed.id, indexed.guildId);
    return indexed;
  }

  remove(id: string): boolean {
    const guildId = this.serverOf.get(id);
    if (guildId === undefined) {
      this.openingShipped = undefined;
      return this.shipped.remove(id);
    }
    this.serverOf.delete(id);
    const shelf = this.servers.get(guildId);
    const removed = shelf?.remove(id) ?? false;
    if (shelf?.index.size === 0) this.servers.delete(guildId);
    return removed;
  }

  /** Hides a shipped entry in one server (it was removed or replaced there), or shows it again. */
  setHidden(guildId: string, id: string, hidden: boolean): void {
    this.visibility.setHidden(guildId, id, hidden);
  }

  /** The companies and technologies a tag names (by name, alias or slug), or nothing. */
  resolveTag(tag: string): { company?: string; technology?: string } {
    return this.names.resolveTag(tag);
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
   * same words as its question or one of its phrasings. Used to refuse duplicates; a lookup,
   * not a search, so checking a 10,000-entry import costs the same whatever a server holds.
   */
  findDuplicate(question: string, scope: Scope = NO_SERVER, exceptIds: readonly string[] = []): Entry | undefined {
    const analysis = this.analyzer.analyze(validateQuery(question), false);
    if (analysis.terms.length === 0) return undefined;
    // "Does Discord use Rust for read states?" asks more than "Does Discord use Rust?".
    const intent = analysis.otherTerms.length === 0 ? intentOf(analysis) : undefined;
    const intended = intent ? this.intentEntry(intent, scope) : undefined;
    if (intended && !exceptIds.includes(intended.id)) return intended;
    // Entries with the intended entry's intent are the ones it overrides in this server, not rivals.
    const shadowed = (entry: Entry) =>
      intended?.intent !== undefined && entry.intent !== undefined && intentKey(entry.intent) === intentKey(intended.intent);
    return this.shelvesFor(scope)
      .flatMap((shelf) => shelf.index.withSameWords(analysis.terms))
      .find((entry) => this.visibility.visible(entry, scope) && !exceptIds.includes(entry.id) && !shadowed(entry));
  }

  /** Answers a question. Throws QueryError for input that is not a question at all. */
  ask(question: string, scope: Scope = NO_SERVER): AskResult {
    const text = validateQuery(question);
    const analysis = this.analyzer.analyze(text);
    if (analysis.terms.length === 0) return this.notAnswered('out_of_scope', 'no_match', [], 0);
    if (analysis.aboutPeople) return this.notAnswered('out_of_scope', 'people', [], 0, PEOPLE_NOTICE);
    if (analysis.offTopic) return this.notAnswered('out_of_scope', 'off_topic', [], 0, OFF_TOPIC_NOTICE);
    if (analysis.consumer && !analysis.namesTechnologyClearly) {
      return this.notAnswered('out_of_scope', 'consumer', [], 0, CONSUMER_NOTICE);
    }

    const subject = analysis.companies.length === 0 && !analysis.asksWhichCompanies ? subjectOf(text, this.words.notACompany) : undefined;
    // A subject that names nothing the corpus knows, not even a word of it, is a company it has no record of.
    const unknown = subject && this.analyzer.analyze(subject, false).terms.every((term) => !this.vocabulary.entitySlugs.has(term));
    const unheardOf =
      unknown &&
      foldText(subject)
        .split(/\s+/)
        .every((word) => !this.knownWords.has(word));
    if (subject && unheardOf && analysis.technologies.length > 0) return this.unknownCompany(subject, analysis.technologies, scope);

    const intent = intentOf(analysis);
    const candidates = this.rank(analysis, intent, scope);
    const [best, second] = candidates;
    const alternatives = candidates.slice(0, this.options.alternatives).map(({ entry }) => summarize(entry));
    const namesSomething = analysis.companies.length + analysis.technologies.length > 0;

    // An entry written for exactly this question wins; otherwise several entities are answered from the facts.
    const exact = best?.compatible && best.intentMatch && best.confidence >= this.options.answerThreshold;
    const query = exact ? undefined : multiEntityQuery(analysis);
    const built = query ? this.queryEntry(queryEntryId(query)) : undefined;
    if (built) {
      return {
        status: 'answered',
        reason: 'matched',
        entry: built,
        confidence: 1,
        alternatives: [],
        related: this.related(built.id, scope),
      };
    }

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
          related: this.related(best.entry.id, scope),
        };
      }
      return this.notAnswered('unsure', 'ambiguous', alternatives, best.confidence);
    }

    if (analysis.companies.length === 1 && analysis.technologies.length >= 1) {
      return this.noRecord(analysis.companies[0]!, analysis.technologies, candidates, scope);
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
  suggest(partial: string, scope: Scope = NO_SERVER, limit = this.options.suggestions): EntrySummary[] {
    const text = partial.slice(0, QUERY_LIMITS.maxChars);
    if (text.trim() === '') return this.openingSuggestions(scope, limit).map(summarize);
    const finished = /\s$/.test(text);
    const typed = this.withNamesCorrected(text, finished);
    const seen = new Set<string>();
    const suggestions: EntrySummary[] = [];
    const found = this.shelvesFor(scope).map((shelf) => ({ shelf, hits: shelf.suggest.find(typed, { limit: limit * 3, finished }) }));
    for (const kind of ['strict', 'loose'] as const) {
      const hits = found.flatMap(({ shelf, hits }) => hits[kind].map((hit) => ({ ...hit, entry: shelf.get(hit.id) })));
      for (const { entry } of hits.sort((a, b) => b.score - a.score)) {
        if (suggestions.length >= limit) break;
        if (!entry || seen.has(entry.question) || !this.visibility.visible(entry, scope)) continue;
        seen.add(entry.question);
        suggestions.push(summarize(entry));
      }
      // Questions with every word come first; looser matches only fill a short list.
      if (suggestions.length >= MIN_STRICT_SUGGESTIONS) break;
    }
    return suggestions;
  }

  /**
   * What an empty autocomplete offers (Discord asks as soon as the option opens): the server's own
   * questions, then the shipped ones, curated before derived, in alphabetical order. The shipped part
   * is picked once, in one pass, and kept until the shipped shelf changes.
   */
  private openingSuggestions(scope: Scope, limit: number): Entry[] {
    const visible = (entry: Entry) => this.visibility.visible(entry, scope);
    const own = this.shelvesFor(scope)
      .slice(1)
      .flatMap((shelf) => [...shelf.index.all()]);
    const picked = firstInOrder(own, limit, openingOrder);
    if (picked.length >= limit) return picked;
    this.openingShipped ??= firstInOrder(this.shipped.index.all(), OPENING_KEPT, openingOrder);
    const shipped = this.openingShipped.filter(visible);
    // A server that hid most of the first ones: pick again among all it can see.
    const enough = shipped.length >= limit - picked.length || this.openingShipped.length < OPENING_KEPT;
    const rest = enough ? shipped : firstInOrder([...this.shipped.index.all()].filter(visible), limit, openingOrder);
    return [...picked, ...rest].slice(0, limit);
  }

  /**
   * A partly typed question with misspelt names put right ("netflix sprak" -> "netflix Apache Spark"), as
   * /ask does. A last word still being typed is left alone while some known word starts with it.
   */
  private withNamesCorrected(text: string, finished: boolean): string {
    const words = text.trim().split(/\s+/);
    return words
      .map((word, index) => {
        const folded = foldText(word).replace(/[^\p{L}\p{N}]+$/u, '');
        if (folded.length < MIN_CORRECTED_LENGTH || this.knownWords.has(folded)) return word;
        const entity = this.vocabulary.correct(folded);
        if (!entity) return word;
        // Only for a word that would be corrected: the scan over known words is not cheap on a large corpus.
        const stillTyping = index === words.length - 1 && !finished;
        if (stillTyping && this.startsKnownWord(folded)) return word;
        return entity.kind === 'company' ? (this.companies.get(entity.slug)?.name ?? word) : (this.catalog.get(entity.slug)?.name ?? word);
      })
      .join(' ')
      .concat(finished ? ' ' : '');
  }

  private startsKnownWord(prefix: string): boolean {
    for (const known of this.knownWords) if (known.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Related questions for an entry, most useful first: curated related ids, then the
   * same company's other views and other companies with the same technology, then
   * textual neighbours. Never the entry itself, never twice.
   */
  related(id: string, scope: Scope = NO_SERVER, limit = this.options.related): EntrySummary[] {
    const entry = this.entry(id);
    if (!entry) return [];
    const picked: Entry[] = [];
    const seenQuestions = new Set([entry.question]);
    const offer = (candidate: Entry | undefined) => {
      if (!candidate || picked.length >= limit || candidate.id === id) return;
      if (seenQuestions.has(candidate.question) || !this.visibility.visible(candidate, scope)) return;
      seenQuestions.add(candidate.question);
      picked.push(candidate);
    };
    const byKey = (intent: Intent) => this.intentEntry(intent, scope);

    for (const relatedId of entry.related) offer(this.storedEntry(relatedId));
    if (entry.id.startsWith('q:')) {
      // An answer about several entities leads to the single questions it combines.
      for (const company of entry.companies.slice(0, limit)) {
        for (const technology of entry.technologies) offer(byKey({ kind: 'uses', company, technology }));
        offer(byKey({ kind: 'stack', company }));
      }
      for (const technology of entry.technologies) offer(byKey({ kind: 'users', technology }));
    }
    const company = entry.companies.length === 1 ? entry.companies[0] : undefined;
    const technology = entry.technologies.length === 1 ? entry.technologies[0] : undefined;
    if (company && technology) {
      const category = this.catalog.get(technology)?.category;
      if (category) offer(byKey({ kind: 'category', company, category }));
      offer(byKey({ kind: 'users', technology }));
    }
    if (company) offer(byKey({ kind: 'stack', company }));
    if (technology) {
      const users = this.shelvesFor(scope).flatMap((shelf) => shelf.intents.usesOf(technology));
      offer(users.find((candidate) => this.visibility.visible(candidate, scope) && (!company || !candidate.companies.includes(company))));
    }
    if (company) {
      const categories = new Set(this.companies.get(company)?.facts.map((fact) => fact.category));
      for (const category of categories) offer(byKey({ kind: 'category', company, category }));
    }
    if (picked.length < limit) {
      const terms = this.analyzer.analyze(entry.question, false).terms;
      const neighbours = this.shelvesFor(scope).flatMap((shelf) => shelf.index.find(terms, { limit: limit * 4, questionOnly: true }));
      for (const hit of neighbours.sort((a, b) => b.score - a.score)) offer(hit.entry);
    }
    return picked.map(summarize);
  }

  /** Entries ranked for a question, best first, with how confident the engine is in each (for benchmarks). */
  rankEntries(question: string, scope: Scope = NO_SERVER, limit = this.options.candidates): { entry: Entry; confidence: number }[] {
    const analysis = this.analyzer.analyze(validateQuery(question));
    return this.rank(analysis, intentOf(analysis), scope, limit).map(({ entry, confidence }) => ({ entry, confidence }));
  }

  private rank(analysis: Analysis, intent: Intent | undefined, scope: Scope, limit = this.options.candidates): Candidate[] {
    const intended = intent ? this.intentEntry(intent, scope) : undefined;
    const indexes = this.shelvesFor(scope).map((shelf) => shelf.index);
    const indexOf = (entry: Entry) =>
      (entry.guildId === undefined ? undefined : this.servers.get(entry.guildId))?.index ?? this.shipped.index;
    return this.ranker.rank(analysis, intended, indexes, indexOf, (entry) => this.visibility.visible(entry, scope), limit);
  }

  /** "Does Initech use Kafka?": never another company's answer; who is known to use it, and companies with a close name. */
  private unknownCompany(name: string, technologies: readonly string[], scope: Scope): AskResult {
    const alternatives = [
      ...technologies.map((technology) => this.intentEntry({ kind: 'users', technology }, scope)),
      ...this.companiesMatching(name.slice(0, 3), this.options.alternatives).map((company) => this.stackEntry(company.slug, scope)),
    ].filter((entry): entry is Entry => entry !== undefined);
    const notice = `I have no record of ${name} in the Stackwise corpus, so I can't say what it uses.`;
    return this.notAnswered('unsure', 'no_record', alternatives.slice(0, this.options.alternatives).map(summarize), 0, notice);
  }

  /** Not confident about a question that names a company and technologies: say what the facts hold for each. */
  private noRecord(companySlug: string, technologySlugs: readonly string[], candidates: Candidate[], scope: Scope): AskResult {
    const company = this.companies.get(companySlug);
    const notice = company ? factNotice(company, technologySlugs, this.catalog) : undefined;
    const alternatives: Entry[] = [];
    const offer = (entry: Entry | undefined) => {
      if (entry && !alternatives.some((other) => other.id === entry.id)) alternatives.push(entry);
    };
    for (const technology of technologySlugs) {
      offer(this.intentEntry({ kind: 'uses', company: companySlug, technology }, scope));
      const category = this.catalog.get(technology)?.category;
      if (category) offer(this.intentEntry({ kind: 'category', company: companySlug, category }, scope));
      offer(this.intentEntry({ kind: 'users', technology }, scope));
    }
    offer(this.intentEntry({ kind: 'stack', company: companySlug }, scope));
    for (const candidate of candidates) if (candidate.compatible) offer(candidate.entry);
    const summaries = alternatives.slice(0, this.options.alternatives).map(summarize);
    const known = technologySlugs.every((technology) => company?.facts.some((fact) => fact.technology === technology));
    return this.notAnswered('unsure', known ? 'ambiguous' : 'no_record', summaries, candidates[0]?.confidence ?? 0, notice);
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

  private intentEntry(intent: Intent, scope: Scope): Entry | undefined {
    // A server's own entry for an intent comes before a shipped one (see ORIGIN_PRIORITY).
    const visible = (entry: Entry) => this.visibility.visible(entry, scope);
    const shelves = this.shelvesFor(scope).reverse();
    for (const shelf of shelves) {
      const found = shelf.intents.find(intent, visible);
      if (found) return found;
    }
    return undefined;
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

  /** The names of the companies and technologies an entry is about, and its server's own tags. */
  tagNames(entry: Entry): string[] {
    return [
      ...entry.companies.map((slug) => this.companies.get(slug)?.name ?? slug),
      ...entry.technologies.map((slug) => this.catalog.get(slug)?.name ?? slug),
      ...(entry.localTags ?? []),
    ];
  }
}

const PEOPLE_NOTICE =
  'I answer questions about the technology companies use, not about the people who run or work at them. ' +
  'Try "What tech stack does Stripe use?"';

const OFF_TOPIC_NOTICE =
  "That sounds like a how-to, account or service question, and I can't help with those. " +
  'I answer which technology companies use, like "Does Discord use Python?"';

const CONSUMER_NOTICE =
  'That sounds like a question about a product or subscription, not about the technology behind it. ' +
  'I answer tech-stack questions, like "Does Netflix use Apache Spark?"';

/** How many of the first shipped questions are kept for empty autocompletes (a server may hide some). */
const OPENING_KEPT = 200;

const collator = new Intl.Collator();
/** Server entries first, then curated, then derived; alphabetical within each. */
const openingOrder = (a: Entry, b: Entry) =>
  ORIGIN_PRIORITY[a.origin] - ORIGIN_PRIORITY[b.origin] || collator.compare(a.question, b.question);

/** The first `count` items in `order`, in one pass: no sort of everything for a few. */
function firstInOrder<T>(items: Iterable<T>, count: number, order: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && order(item, kept[count - 1]!) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order(item, kept[middle]!) < 0) high = middle;
      else low = middle + 1;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The subject of "does X use …?" or "… used at X", when the question has that shape. */
const SUBJECT_PATTERNS = [
  /\b(?:does|did|do|is|was)\s+([\p{L}\p{N}][\p{L}\p{N}.&'-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}.&'-]*)?)\s+(?:still\s+)?(?:use|uses|using|run|runs|rely)\b/iu,
  /\b(?:used|run)\s+(?:at|by)\s+([\p{L}\p{N}][\p{L}\p{N}.&'-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}.&'-]*)?)\s*\??$/iu,
];

/** The company a question is about, by its shape ("does Initech use …"), whether or not the corpus knows it. */
function subjectOf(text: string, notACompany: ReadonlySet<string>): string | undefined {
  for (const pattern of SUBJECT_PATTERNS) {
    const name = pattern.exec(text)?.[1]?.trim();
    if (name && !notACompany.has(name.toLowerCase())) return name;
  }
  return undefined;
}
