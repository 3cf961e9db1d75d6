/**
 * npm run corpus:check [-- [--stats] DIR]
 * Validates the corpus and prints one line per problem ("file:line: message").
 * --stats also prints companies, facts, the share of facts with a specific source and the share as of 2023 or later.
 * Exits 1 when there is any problem, 0 otherwise.
 */
import path from 'node:path';
import { loadCorpus } from '../corpus/load.js';
import { formatProblem } from '../corpus/problems.js';
import { corpusStats } from '../corpus/review.js';

const RECENT_YEAR = 2023;
const args = process.argv.slice(2);
const wantsStats = args.includes('--stats');
const dir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? 'corpus');
const { corpus, problems, reviewProblems } = await loadCorpus(dir);
const all = [...problems, ...reviewProblems];
for (const problem of all) console.log(formatProblem(problem));
const facts = corpus.companies.reduce((sum, company) => sum + company.facts.length, 0);
const summary =
  `${corpus.technologies.length} technologies, ${corpus.companies.length} companies (${facts} facts), ` +
  `${corpus.sources.length} sources, ${corpus.entries.length} curated entries`;
if (wantsStats) {
  const stats = corpusStats(corpus, RECENT_YEAR);
  const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
  console.log(
    `corpus:check: stats: ${stats.companies} companies, ${stats.facts} facts, ` +
      `${percent(stats.specificSourceShare)} with a specific source, ${percent(stats.recentShare)} as of ${stats.recentYear} or later`,
  );
}
if (all.length > 0) {
  console.log(`corpus:check: ${all.length} problem(s) in ${dir}; loaded ${summary}`);
  process.exitCode = 1;
} else {
  console.log(`corpus:check: ok: ${summary}`);
}
