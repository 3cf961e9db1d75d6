import { describe, expect, it } from 'vitest';
import type { Company, Corpus, Fact, Technology } from '../../src/corpus/types.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { shippedWords } from '../helpers/fixture.js';

const technology = (name: string, category: string): Technology => ({
  slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  name,
  aliases: [],
  category,
});
const TECHNOLOGIES = [
  technology('Datadog', 'observability'),
  technology('Go', 'language'),
  technology('Rust', 'language'),
  technology('Cassandra', 'database'),
  technology('Kubernetes', 'infrastructure'),
  technology('AWS', 'cloud'),
  technology('Python', 'language'),
  technology('MySQL', 'database'),
  technology('Kafka', 'data'),
];
const fact = (name: string, category: string): Fact => ({
  technology: technology(name, category).slug,
  category,
  usedFor: `Its ${name} work.`,
  status: 'uses',
  asOf: 2025,
  sources: [],
});
const company = (slug: string, name: string, facts: Fact[]): Company => ({
  slug,
  name,
  aliases: [],
  summary: `${name}.`,
  facts,
  file: `${slug}.yaml`,
});

const corpus: Corpus = {
  technologies: TECHNOLOGIES,
  words: shippedWords(),
  sources: [],
  entries: [],
  companies: [
    company('datadog', 'Datadog', [
      fact('Go', 'language'),
      fact('Rust', 'language'),
      fact('Cassandra', 'database'),
      fact('Kubernetes', 'infrastructure'),
      fact('AWS', 'cloud'),
    ]),
    company('tesla', 'Tesla', [
      fact('Python', 'language'),
      fact('Kafka', 'data'),
      fact('Kubernetes', 'infrastructure'),
      fact('AWS', 'cloud'),
    ]),
    company('uber', 'Uber', [fact('Go', 'language'), fact('MySQL', 'database'), fact('Datadog', 'observability'), fact('Kafka', 'data')]),
  ],
};
const engine = AnswerEngine.create(corpus, { currentYear: 2026 });
const answer = (question: string) => engine.ask(question).entry?.id;

describe('a name that is both a company and a technology', () => {
  it('means the company when it is the subject of the question', () => {
    expect(answer('Does Datadog use Go?')).toBe('d:uses:datadog:go');
    expect(answer('what database does datadog use')).toBe('d:category:datadog:database');
    expect(answer('datadog tech stack')).toBe('d:stack:datadog');
  });

  it('means the technology when another company uses it, or when asking who uses it', () => {
    expect(answer('Does Uber use Datadog?')).toBe('d:uses:uber:datadog');
    expect(answer('which companies use datadog')).toBe('d:users:datadog');
  });
});

describe('company names as people type them', () => {
  it('reads a possessive typed without its apostrophe', () => {
    expect(answer('what is teslas tech stack')).toBe('d:stack:tesla');
  });

  it('finds the exact category entry even when its words are common across the corpus', () => {
    expect(answer('what languages does uber use')).toBe('d:category:uber:language');
  });
});
