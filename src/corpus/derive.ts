import { CATEGORIES, findCategory } from './categories.js';
import { ENTRY_LIMITS } from './limits.js';
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

export function derivedEntryId(intent: Intent): string {
  return `d:${intentKey(intent)}`;
}

interface Lookup {
  technology(slug: string): Technology | undefined;
}

const categoryLabel = (id: string) => findCategory(id)?.label ?? id;
const categoryNoun = (id: string) => findCategory(id)?.noun ?? id;
const categoryOrder = (id: string) => CATEGORIES.findIndex((category) => category.id === id);

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

function oldestYear(facts: readonly Fact[]): number | undefined {
  return facts.length ? Math.min(...facts.map((fact) => fact.asOf)) : undefined;
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

function factLine(name: string, fact: Fact): string {
  const built = fact.status === 'in-house' ? ' (built in-house)' : '';
  return `- **${name}**${built}: ${fact.usedFor} _(as of ${fact.asOf})_`;
}

/**
 * Builds answerable entries from company facts: "Does X use T?", "What <category> does X use?",
 * "What tech stack does X use?" and "Which companies use T?". Intents in `curatedIntents`
 * are left out, because a curated entry answers them.
 */
export function deriveEntries(
  companies: readonly Company[],
  lookup: Lookup,
  curatedIntents: ReadonlySet<string> = new Set(),
): Entry[] {
  const entries: Entry[] = [];
  const add = (entry: Omit<Entry, 'id' | 'origin' | 'related'> & { intent: Intent }) => {
    if (curatedIntents.has(intentKey(entry.intent))) return;
    entries.push({ ...entry, id: derivedEntryId(entry.intent), origin: 'derived', related: [] });
  };
  const nameOf = (slug: string) => lookup.technology(slug)?.name ?? slug;
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
        answer: usesAnswer(company, technology, fact, sameCategoryNow.map((other) => nameOf(other.technology))),
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
      lines.push(...now.map((fact) => factLine(nameOf(fact.technology), fact)));
      if (before.length) lines.push('', '**Formerly used:**', ...before.map((fact) => factLine(nameOf(fact.technology), fact)));
      add({
        intent: { kind: 'category', company: company.slug, category },
        question: `What ${categoryNoun(category)} does ${company.name} use?`,
        phrasings: [`${company.name} ${categoryNoun(category)}`, `Which ${categoryNoun(category)} does ${company.name} run on?`],
        answer: fitAnswer(lines),
        companies: [company.slug],
        technologies: unique(facts.map((fact) => fact.technology)),
        sources: unique(facts.flatMap((fact) => fact.sources)),
        asOf: oldestYear(facts),
      });
    }

    const overview = [company.summary, ''];
    for (const category of categories) {
      const names = current.filter((fact) => fact.category === category).map((fact) => nameOf(fact.technology));
      if (names.length) overview.push(`**${categoryLabel(category)}:** ${names.join(', ')}`);
    }
    const formerly = company.facts.filter((fact) => fact.status === 'formerly-used');
    if (formerly.length) overview.push('', `**Formerly used:** ${formerly.map((fact) => nameOf(fact.technology)).join(', ')}`);
    overview.push('', `_Facts as of ${oldestYear(company.facts)}–${Math.max(...company.facts.map((fact) => fact.asOf))}._`);
    add({
      intent: { kind: 'stack', company: company.slug },
      question: `What tech stack does ${company.name} use?`,
      phrasings: [`${company.name} tech stack`, `What is ${company.name} built with?`, `What technologies does ${company.name} use?`],
      answer: fitAnswer(overview),
      companies: [company.slug],
      technologies: unique(company.facts.map((fact) => fact.technology)),
      sources: unique(company.facts.flatMap((fact) => fact.sources)),
      asOf: oldestYear(company.facts),
    });
  }

  for (const [slug, users] of usersByTechnology) {
    const technology = nameOf(slug);
    const now = users.filter(({ fact }) => fact.status !== 'formerly-used');
    const before = users.filter(({ fact }) => fact.status === 'formerly-used');
    const lines = [`Companies in the Stackwise corpus known to use **${technology}**:`];
    lines.push(...now.map(({ company, fact }) => factLine(company.name, fact)));
    if (!now.length) lines.push('- none that still do, as far as the corpus knows.');
    if (before.length) lines.push('', '**Formerly used it:**', ...before.map(({ company, fact }) => factLine(company.name, fact)));
    add({
      intent: { kind: 'users', technology: slug },
      question: `Which companies use ${technology}?`,
      phrasings: [`What companies use ${technology}?`, `Companies using ${technology}`],
      answer: fitAnswer(lines),
      companies: users.map(({ company }) => company.slug),
      technologies: [slug],
      sources: unique(users.flatMap(({ fact }) => fact.sources)),
      asOf: oldestYear(users.map(({ fact }) => fact)),
    });
  }
  return entries;
}

function usesAnswer(company: Company, technology: string, fact: Fact, sameCategoryNow: string[]): string {
  const label = categoryLabel(fact.category).toLowerCase();
  switch (fact.status) {
    case 'uses':
      return `**Yes.** ${company.name} uses **${technology}** (${label}). ${fact.usedFor}\n\n_As of ${fact.asOf}._`;
    case 'in-house':
      return `**Yes. ${company.name} built it.** **${technology}** is ${company.name}'s own (${label}). ${fact.usedFor}\n\n_As of ${fact.asOf}._`;
    case 'formerly-used': {
      const today = sameCategoryNow.length
        ? `\n\nFor ${label}, ${company.name} is now known to use: ${sameCategoryNow.join(', ')}.`
        : '';
      return `**Not any more, as far as the corpus knows.** ${company.name} used **${technology}** in the past. ${fact.usedFor} _(as of ${fact.asOf})_${today}`;
    }
  }
}
