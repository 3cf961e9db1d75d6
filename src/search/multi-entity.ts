import type { TechnologyCatalog } from '../corpus/catalog.js';
import { CATEGORIES, findCategory } from '../corpus/categories.js';
import { FactWriter } from '../corpus/derive.js';
import { ENTRY_LIMITS } from '../corpus/limits.js';
import type { SourceRegistry } from '../corpus/sources.js';
import type { Company, Entry, Fact } from '../corpus/types.js';
import type { Analysis } from './analyzer.js';

/**
 * Questions about several companies or technologies, answered from the facts at query time (no entry
 * is written for each pair): "Does Netflix use Kafka and Flink?", "Netflix vs Spotify databases",
 * "Which companies use both Kafka and Flink?", "Did Uber move from Postgres to MySQL?".
 * Each answer is an Entry whose id names what it is about ("q:several:netflix:apache-kafka+apache-flink"),
 * so its buttons and votes work like any other's and it can be rebuilt from the id after a restart.
 */
type QueryKind = 'several' | 'categories' | 'compare' | 'both' | 'without' | 'moved';

interface Query {
  kind: QueryKind;
  companies: string[];
  technologies: string[];
  category?: string;
  /** For "categories": "what db and language does Discord use". */
  categories?: string[];
}

interface Facts {
  company(slug: string): Company | undefined;
  companies(): Iterable<Company>;
  catalog: TechnologyCatalog;
  sources: SourceRegistry;
}

const QUERY_ID = /^q:(several|categories|compare|both|without|moved):([a-z0-9+-]{1,80})(?::([a-z0-9+-]{1,80}))?$/;
/** Companies or technologies one question may compare. */
const MAX_ENTITIES = 4;

/** The query a question asks, when it names several entities in one of the shapes this module answers. */
export function multiEntityQuery(analysis: Analysis): Query | undefined {
  const { companies, technologies, categories, moves } = analysis;
  if (companies.length === 1 && technologies.length === 2 && moves) return { kind: 'moved', companies, technologies };
  if (companies.length === 1 && technologies.length >= 2 && technologies.length <= MAX_ENTITIES) {
    return { kind: 'several', companies, technologies };
  }
  if (companies.length === 1 && technologies.length === 0 && categories.length >= 2 && categories.length <= MAX_ENTITIES) {
    const ordered = [...categories].sort((a, b) => CATEGORIES.findIndex(({ id }) => id === a) - CATEGORIES.findIndex(({ id }) => id === b));
    return { kind: 'categories', companies, technologies: [], categories: ordered };
  }
  if (companies.length >= 2 && companies.length <= MAX_ENTITIES && technologies.length === 0 && categories.length <= 1) {
    return { kind: 'compare', companies, technologies: [], ...(categories[0] ? { category: categories[0] } : {}) };
  }
  if (companies.length === 0 && technologies.length === 2 && analysis.asksWhichCompanies) {
    return { kind: analysis.negated ? 'without' : 'both', companies: [], technologies };
  }
  return undefined;
}

export function queryEntryId(query: Query): string {
  switch (query.kind) {
    case 'several':
    case 'moved':
      return `q:${query.kind}:${query.companies[0]}:${query.technologies.join('+')}`;
    case 'categories':
      return `q:categories:${query.companies[0]}:${query.categories!.join('+')}`;
    case 'compare':
      return `q:compare:${query.companies.join('+')}${query.category ? `:${query.category}` : ''}`;
    case 'both':
    case 'without':
      return `q:${query.kind}:${query.technologies.join('+')}`;
  }
}

function queryOf(id: string): Query | undefined {
  const match = QUERY_ID.exec(id);
  if (!match) return undefined;
  const kind = match[1] as QueryKind;
  const first = match[2]!.split('+');
  const second = match[3]?.split('+');
  if (kind === 'several' || kind === 'moved') return second ? { kind, companies: first, technologies: second } : undefined;
  if (kind === 'categories') return second ? { kind, companies: first, technologies: [], categories: second } : undefined;
  if (kind === 'compare') return { kind, companies: first, technologies: [], ...(second?.[0] ? { category: second[0] } : {}) };
  return second ? undefined : { kind, companies: [], technologies: first };
}

/** Builds the answer for a query id; undefined when the id is malformed or names what the corpus does not know. */
export function buildQueryEntry(id: string, facts: Facts, currentYear: number): Entry | undefined {
  const query = queryOf(id);
  if (!query) return undefined;
  const companies = query.companies.map((slug) => facts.company(slug));
  if (companies.some((company) => !company)) return undefined;
  if (query.technologies.some((slug) => !facts.catalog.get(slug))) return undefined;
  if ([query.category, ...(query.categories ?? [])].some((id) => id !== undefined && !findCategory(id))) return undefined;
  const writer = new Writer(facts, currentYear);
  const built = writer[query.kind](companies as Company[], query);
  return built ? { ...built, id, phrasings: [], related: [], origin: 'derived' } : undefined;
}

type Built = Pick<Entry, 'question' | 'answer' | 'companies' | 'technologies' | 'sources'> & Partial<Pick<Entry, 'fields'>>;

class Writer {
  private readonly facts: Facts;
  /** The same "as of …, possibly out of date · [source]" as derived answers. */
  private readonly writer: FactWriter;

  constructor(facts: Facts, currentYear: number) {
    this.facts = facts;
    this.writer = new FactWriter({ technology: (slug) => facts.catalog.get(slug), sources: facts.sources, currentYear });
  }

  private name(slug: string): string {
    return this.facts.catalog.get(slug)?.name ?? slug;
  }

  private list(names: readonly string[]): string {
    return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }

  private verdict(company: Company, technology: string): string {
    const fact = company.facts.find((candidate) => candidate.technology === technology);
    const name = this.name(technology);
    if (!fact) return `**${name}:** no record. The Stackwise corpus has no fact about ${company.name} and ${name}.`;
    const status = fact.status === 'formerly-used' ? 'not any more' : fact.status === 'in-house' ? 'yes, built in-house' : 'yes';
    return `**${name}:** ${status}. ${fact.usedFor} _(${this.writer.provenance(fact)})_`;
  }

  private sourcesOf(facts: readonly (Fact | undefined)[]): string[] {
    return [...new Set(facts.flatMap((fact) => fact?.sources ?? []))].slice(0, ENTRY_LIMITS.maxFactsPerSource);
  }

  several([company]: Company[], query: Query): Built {
    const names = query.technologies.map((slug) => this.name(slug));
    const facts = query.technologies.map((slug) => company!.facts.find((fact) => fact.technology === slug));
    return {
      question: `Does ${company!.name} use ${this.list(names).replace(/ and ([^,]+)$/, ' or $1')}?`,
      answer: query.technologies.map((slug) => this.verdict(company!, slug)).join('\n\n'),
      companies: [company!.slug],
      technologies: query.technologies,
      sources: this.sourcesOf(facts),
    };
  }

  moved([company]: Company[], query: Query): Built {
    const [from, to] = query.technologies as [string, string];
    const facts = [from, to].map((slug) => company!.facts.find((fact) => fact.technology === slug));
    const [before, after] = facts;
    const headline =
      before?.status === 'formerly-used' && after && after.status !== 'formerly-used'
        ? `**Yes, as far as the corpus knows:** ${company!.name} used ${this.name(from)} and now uses ${this.name(to)}.`
        : before?.status === 'formerly-used'
          ? `**${company!.name} moved off ${this.name(from)}**; the corpus does not record ${this.name(to)} as what replaced it.`
          : `**The corpus records no move from ${this.name(from)} to ${this.name(to)} at ${company!.name}.**`;
    return {
      question: `Did ${company!.name} move from ${this.name(from)} to ${this.name(to)}?`,
      answer: [headline, '', this.verdict(company!, from), '', this.verdict(company!, to)].join('\n'),
      companies: [company!.slug],
      technologies: [from, to],
      sources: this.sourcesOf(facts),
    };
  }

  categories([company]: Company[], query: Query): Built {
    const categories = query.categories!.map((id) => findCategory(id)!);
    const fields = categories.map((category) => {
      const facts = company!.facts.filter((fact) => fact.category === category.id && fact.status !== 'formerly-used');
      const value = facts.map((fact) => `• **${this.name(fact.technology)}** (${fact.asOf})`).join('\n') || `No ${category.noun} recorded.`;
      return { name: category.label, value: value.slice(0, 1024) };
    });
    const facts = company!.facts.filter((fact) => query.categories!.includes(fact.category));
    return {
      question: `What ${this.list(categories.map((category) => category.noun))} does ${company!.name} use?`,
      answer: `From the Stackwise corpus's facts about ${company!.name}, each with its as-of year:`,
      fields,
      companies: [company!.slug],
      technologies: [],
      sources: this.sourcesOf(facts),
    };
  }

  compare(companies: Company[], query: Query): Built {
    const category = query.category ? findCategory(query.category) : undefined;
    const fields = companies.map((company) => {
      const current = company.facts.filter((fact) => fact.status !== 'formerly-used');
      const lines = category
        ? current.filter((fact) => fact.category === category.id).map((fact) => `• **${this.name(fact.technology)}** (${fact.asOf})`)
        : CATEGORIES.flatMap(({ id, label }) => {
            const names = current.filter((fact) => fact.category === id).map((fact) => this.name(fact.technology));
            return names.length ? [`**${label}:** ${names.join(', ')}`] : [];
          });
      const value = lines.length ? lines.join('\n') : `No ${category?.noun ?? 'facts'} recorded.`;
      return { name: company.name, value: value.slice(0, 1024) };
    });
    const what = category ? category.noun : 'tech stacks';
    const used = companies.flatMap((company) => company.facts.filter((fact) => !category || fact.category === category.id));
    return {
      question: `${companies.map((company) => company.name).join(' vs ')}: ${what}`,
      answer: `${what[0]!.toUpperCase()}${what.slice(1)} of ${this.list(companies.map((company) => company.name))}, side by side, from the Stackwise corpus's facts (each with its as-of year).`,
      fields,
      companies: companies.map((company) => company.slug),
      technologies: [],
      sources: this.sourcesOf(used),
    };
  }

  both(_companies: Company[], query: Query): Built {
    return this.users(query, true);
  }

  without(_companies: Company[], query: Query): Built {
    return this.users(query, false);
  }

  private users(query: Query, both: boolean): Built {
    const [first, second] = query.technologies as [string, string];
    const uses = (company: Company, slug: string) =>
      company.facts.find((fact) => fact.technology === slug && fact.status !== 'formerly-used');
    const matches = [...this.facts.companies()].filter(
      (company) => uses(company, first) && (both ? uses(company, second) : !uses(company, second)),
    );
    const [a, b] = [this.name(first), this.name(second)];
    const lines = matches.map((company) => {
      const fact = uses(company, first)!;
      return `- **${company.name}** _(${this.writer.provenance(fact)})_`;
    });
    const question = both ? `Which companies use both ${a} and ${b}?` : `Which companies use ${a} but not ${b}?`;
    const head = both
      ? `Companies in the Stackwise corpus known to use both **${a}** and **${b}**:`
      : `Companies known to use **${a}** with no record of **${b}**:`;
    let answer = [head, ...(lines.length ? lines : ['- none, as far as the corpus knows.'])].join('\n');
    if (answer.length > ENTRY_LIMITS.answerMaxChars)
      answer = `${answer.slice(0, ENTRY_LIMITS.answerMaxChars - 20).replace(/\n[^\n]*$/, '')}\n…and more.`;
    return {
      question,
      answer,
      companies: matches.map((company) => company.slug),
      technologies: [first, second],
      sources: this.sourcesOf(matches.map((company) => uses(company, first))),
    };
  }
}
