import type { Steps } from '../slices.js';
import { CATEGORIES, findCategory } from './categories.js';
import { ENTRY_LIMITS } from './limits.js';
import type { SourceRegistry } from './sources.js';
import type { Company, Entry, Fact, Intent, Technology } from './types.js';

/** The key two entries share when they answer the same structured question. */
export function intentKey(intent: Intent): string {
  switch (intent.kind) {
    case 'uses':
      return `uses:${intent.company}:${intent.technology}`;
    case 'category':
      return `category:${intent.company}:${intent.category}`;
    case 'stack':
      return `stack:${intent.company}`;
    case 'users':
      return `users:${intent.technology}`;
  }
}

function derivedEntryId(intent: Intent): string {
  return `d:${intentKey(intent)}`;
}

export interface FactLookup {
  technology(slug: string): Technology | undefined;
  sources: SourceRegistry;
  /** The year answers are written in, to tell how old each fact is. */
  currentYear: number;
}

const categoryLabel = (id: string) => findCategory(id)?.label ?? id;
const categoryNoun = (id: string) => findCategory(id)?.noun ?? id;
const categoryOrder = (id: string) => CATEGORIES.findIndex((category) => category.id === id);

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

function yearRange(facts: readonly Fact[]): string {
  const years = facts.map((fact) => fact.asOf);
  const [oldest, newest] = [Math.min(...years), Math.max(...years)];
  return oldest === newest ? `${oldest}` : `${oldest}–${newest}`;
}

/** Joins lines, dropping whole lines from the end (with a note) to stay within Discord's limit. */
function fitAnswer(lines: string[]): string {
  const note = '…and more.';
  let text = lines.join('\n');
  while (text.length > ENTRY_LIMITS.answerMaxChars && lines.length > 1) {
    lines = lines.slice(0, -2).concat(note);
    text = lines.join('\n');
  }
  return text.slice(0, ENTRY_LIMITS.answerMaxChars);
}

/** Says how old a fact is and where it comes from, so each line of a derived answer stands on its own. */
export class FactWriter {
  constructor(private readonly lookup: FactLookup) {}

  isDated(fact: Fact): boolean {
    return this.lookup.currentYear - fact.asOf >= ENTRY_LIMITS.staleAfterYears;
  }

  /** "as of 2019, possibly out of date · [Discord blog](https://...)" */
  provenance(fact: Fact): string {
    const age = this.isDated(fact) ? `as of ${fact.asOf}, possibly out of date` : `as of ${fact.asOf}`;
    const source = fact.sources.map((url) => this.lookup.sources.get(url)).find((found) => found !== undefined);
    return source ? `${age} · [${markdownText(source.publisher)}](${source.url})` : age;
  }

  /** "- **PostgreSQL**: usedFor _(as of 2024 · [Figma blog](...))_", or without usedFor when `brief`. */
  line(name: string, fact: Fact, brief = false): string {
    const built = fact.status === 'in-house' ? ' (built in-house)' : '';
    const what = brief ? '' : ` ${fact.usedFor}`;
    return `- **${name}**${built}:${what} _(${this.provenance(fact)})_`;
  }

  /** "PostgreSQL (2024)" or "Redis (2019†)" for an overview, where † marks a dated fact. */
  name(name: string, fact: Fact): string {
    return `${name} (${fact.asOf}${this.isDated(fact) ? DATED_MARK : ''})`;
  }

  /** The legend for † when a text uses it. */
  legend(facts: readonly Fact[]): string[] {
    const years = ENTRY_LIMITS.staleAfterYears;
    return facts.some((fact) => this.isDated(fact)) ? [`_${DATED_MARK} ${years} or more years old: possibly out of date._`] : [];
  }
}

const DATED_MARK = '†';

function markdownText(text: string): string {
  return text.replace(/[[\]()*_~`|\\]/g, '\\$&');
}

/** A list answer in full, or, when that is too long for Discord, without each fact's usedFor. */
function fitList(head: string[], now: ListItem[], before: ListItem[], writer: FactWriter): string {
  const write = (brief: boolean) => [
    ...head,
    ...now.map(({ name, fact }) => writer.line(name, fact, brief)),
    ...(before.length ? ['', '**Formerly used it:**', ...before.map(({ name, fact }) => writer.line(name, fact, brief))] : []),
  ];
  const full = write(false).join('\n');
  return full.length <= ENTRY_LIMITS.answerMaxChars ? full : fitAnswer(write(true));
}

interface ListItem {
  name: string;
  fact: Fact;
}

/**
 * Builds answerable entries from company facts: "Does X use T?", "What <category> does X use?",
 * "What tech stack does X use?" and "Which companies use T?". Intents in `curatedIntents`
 * are left out, because a curated entry answers them.
 */
/** Steps, one per company and per technology, so that a large corpus is derived in slices (see src/slices.ts). */
export function* deriveEntries(
  companies: readonly Company[],
  lookup: FactLookup,
  curatedIntents: ReadonlySet<string> = new Set(),
): Steps<Entry[]> {
  const entries: Entry[] = [];
  const add = (entry: Omit<Entry, 'id' | 'origin' | 'related'> & { intent: Intent }) => {
    if (curatedIntents.has(intentKey(entry.intent))) return;
    entries.push({ ...entry, id: derivedEntryId(entry.intent), origin: 'derived', related: [] });
  };
  const nameOf = (slug: string) => lookup.technology(slug)?.name ?? slug;
  const writer = new FactWriter(lookup);
  const usersByTechnology = new Map<string, { company: Company; fact: Fact }[]>();

  for (const company of companies) {
    const current = company.facts.filter((fact) => fact.status !== 'formerly-used');
    for (const fact of company.facts) {
      const technology = nameOf(fact.technology);
      usersByTechnology.set(fact.technology, [...(usersByTechnology.get(fact.technology) ?? []), { company, fact }]);
      const sameCategoryNow = current.filter((other) => other.category === fact.category && other !== fact);
      add({
        intent: { kind: 'uses', company: company.slug, technology: fact.technology },
        question: `Does ${company.name} use ${technology}?`,
        phrasings: [`Is ${technology} used at ${company.name}?`, `${company.name} ${technology}`],
        answer: usesAnswer(
          company,
          technology,
          fact,
          sameCategoryNow.map((other) => nameOf(other.technology)),
          writer,
        ),
        companies: [company.slug],
        technologies: [fact.technology],
        sources: fact.sources,
        asOf: fact.asOf,
      });
    }

    const categories = unique(company.facts.map((fact) => fact.category)).sort((a, b) => categoryOrder(a) - categoryOrder(b));
    for (const category of categories) {
      const facts = company.facts.filter((fact) => fact.category === category);
      const now = facts.filter((fact) => fact.status !== 'formerly-used');
      const before = facts.filter((fact) => fact.status === 'formerly-used');
      const lines = [`**${categoryLabel(category)} at ${company.name}**, as recorded in the Stackwise corpus:`];
      lines.push(...now.map((fact) => writer.line(nameOf(fact.technology), fact)));
      if (before.length) lines.push('', '**Formerly used:**', ...before.map((fact) => writer.line(nameOf(fact.technology), fact)));
      add({
        intent: { kind: 'category', company: company.slug, category },
        question: `What ${categoryNoun(category)} does ${company.name} use?`,
        phrasings: [`${company.name} ${categoryNoun(category)}`, `Which ${categoryNoun(category)} does ${company.name} run on?`],
        answer: fitAnswer(lines),
        companies: [company.slug],
        technologies: unique(facts.map((fact) => fact.technology)),
        sources: unique(facts.flatMap((fact) => fact.sources)),
      });
    }

    const overview = [company.summary, ''];
    for (const category of categories) {
      const names = current.filter((fact) => fact.category === category).map((fact) => writer.name(nameOf(fact.technology), fact));
      if (names.length) overview.push(`**${categoryLabel(category)}:** ${names.join(', ')}`);
    }
    const formerly = company.facts.filter((fact) => fact.status === 'formerly-used');
    if (formerly.length)
      overview.push('', `**Formerly used:** ${formerly.map((fact) => writer.name(nameOf(fact.technology), fact)).join(', ')}`);
    overview.push('', `_Facts as of ${yearRange(company.facts)}; each name shows its own year._`, ...writer.legend(current));
    add({
      intent: { kind: 'stack', company: company.slug },
      question: `What tech stack does ${company.name} use?`,
      phrasings: [`${company.name} tech stack`, `What is ${company.name} built with?`, `What technologies does ${company.name} use?`],
      answer: fitAnswer(overview),
      companies: [company.slug],
      technologies: unique(company.facts.map((fact) => fact.technology)),
      sources: unique(company.facts.flatMap((fact) => fact.sources)),
    });
    yield;
  }

  for (const [slug, users] of usersByTechnology) {
    const technology = nameOf(slug);
    const now = users.filter(({ fact }) => fact.status !== 'formerly-used');
    const before = users.filter(({ fact }) => fact.status === 'formerly-used');
    const head = [`Companies in the Stackwise corpus known to use **${technology}**:`];
    if (!now.length) head.push('- none that still do, as far as the corpus knows.');
    const item = ({ company, fact }: { company: Company; fact: Fact }) => ({ name: company.name, fact });
    add({
      intent: { kind: 'users', technology: slug },
      question: `Which companies use ${technology}?`,
      phrasings: [`What companies use ${technology}?`, `Companies using ${technology}`],
      answer: fitList(head, now.map(item), before.map(item), writer),
      companies: users.map(({ company }) => company.slug),
      technologies: [slug],
      sources: unique(users.flatMap(({ fact }) => fact.sources)),
    });
    yield;
  }
  return entries;
}

function usesAnswer(company: Company, technology: string, fact: Fact, sameCategoryNow: string[], writer: FactWriter): string {
  const label = categoryLabel(fact.category).toLowerCase();
  const provenance = `_${writer.provenance(fact)}_`;
  switch (fact.status) {
    case 'uses':
      return `**Yes.** ${company.name} uses **${technology}** (${label}). ${fact.usedFor}\n\n${provenance}`;
    case 'in-house':
      return `**Yes. ${company.name} built it.** **${technology}** is ${company.name}'s own (${label}). ${fact.usedFor}\n\n${provenance}`;
    case 'formerly-used': {
      const today = sameCategoryNow.length ? `\n\nFor ${label}, ${company.name} is now known to use: ${sameCategoryNow.join(', ')}.` : '';
      return `**Not any more, as far as the corpus knows.** ${company.name} used **${technology}** in the past. ${fact.usedFor} ${provenance}${today}`;
    }
  }
}
