import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { formatProblem } from '../../src/corpus/problems.js';
import { corpusStats } from '../../src/corpus/review.js';
import { AnswerEngine } from '../../src/search/engine.js';
import { SHIPPED_CORPUS } from '../helpers/fixture.js';

/** The questions of the Q&A page Stackwise grew from: each must be answered by its own entry. */
const ORIGINAL_PAGE: Record<string, string> = {
  'Does Netflix use Apache Spark?': 'netflix-uses-apache-spark',
  'What tech stack does Netflix use?': 'netflix-tech-stack',
  'Which server or cloud does Netflix use?': 'netflix-cloud',
  'What kind of servers does Netflix use?': 'netflix-servers',
  'Which protocol does Netflix use?': 'netflix-protocol',
  'What does Netflix use for its backend?': 'netflix-backend',
  'Is Netflix monolithic or microservices?': 'netflix-monolith-or-microservices',
  'Does Netflix use AWS or Azure?': 'netflix-aws-or-azure',
  'Does Netflix still use Spring Boot?': 'netflix-spring-boot',
  'Which database does Netflix use?': 'netflix-database',
  'Does Netflix use REST APIs?': 'netflix-rest',
  'What language is Netflix coded in?': 'netflix-language',
  'What will replace Apache Spark?': 'apache-spark-replacement',
  'Is Apache Spark obsolete?': 'apache-spark-obsolete',
  'Which companies use Apache Spark?': 'companies-using-apache-spark',
  "What are the 3 C's of microservices?": 'microservices-3-cs',
};

describe('the shipped corpus', async () => {
  const { corpus, problems, reviewProblems } = await loadCorpus(SHIPPED_CORPUS);

  it('passes the corpus check, editorial review included', () => {
    expect([...problems, ...reviewProblems].map(formatProblem)).toEqual([]);
  });

  it('covers at least 150 companies, each with 8 facts over 4 categories, and 60 curated entries', () => {
    expect(corpus.companies.length).toBeGreaterThanOrEqual(150);
    for (const company of corpus.companies) {
      expect(company.facts.length, company.name).toBeGreaterThanOrEqual(8);
      expect(new Set(company.facts.map((fact) => fact.category)).size, company.name).toBeGreaterThanOrEqual(4);
    }
    expect(corpus.entries.length).toBeGreaterThanOrEqual(60);
  });

  it('backs at least 95% of facts with a specific recorded page', () => {
    expect(corpusStats(corpus, 2023).specificSourceShare).toBeGreaterThanOrEqual(0.95);
  });

  it('answers every tech-stack question of the original Q&A page with its own entry', () => {
    const engine = AnswerEngine.create(corpus);
    for (const [question, id] of Object.entries(ORIGINAL_PAGE)) expect(engine.ask(question).entry?.id, question).toBe(id);
  });
});
