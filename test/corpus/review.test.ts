import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { corpusStats } from '../../src/corpus/review.js';
import { copyOfFixture } from '../helpers/fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function corpusWith(files: Record<string, string>) {
  const copy = await copyOfFixture();
  cleanups.push(copy.cleanup);
  for (const [file, text] of Object.entries(files)) await copy.write(file, text);
  return loadCorpus(copy.dir);
}

const PAGE = 'https://example.com/engineering/how-acme-works';
const TECHNOLOGIES: [string, string][] = [
  ['Java', 'language'],
  ['Python', 'language'],
  ['PostgreSQL', 'database'],
  ['Cassandra', 'database'],
  ['Apache Kafka', 'data'],
  ['Kubernetes', 'infrastructure'],
  ['AWS', 'cloud'],
  ['React', 'frontend'],
];

/** A company file with one fact per technology, each citing `sourceFor(index)`. */
function company(options: { technologies?: [string, string][]; sourceFor?: (index: number) => string[]; asOf?: number } = {}) {
  const { technologies = TECHNOLOGIES, sourceFor = () => [PAGE], asOf = 2024 } = options;
  const facts = technologies.map(([technology, category], index) =>
    [
      `  - technology: ${technology}`,
      `    category: ${category}`,
      `    usedFor: Part ${index} of the product.`,
      '    status: uses',
      `    asOf: ${asOf}`,
      ...(sourceFor(index).length ? ['    sources:', ...sourceFor(index).map((url) => `      - ${url}`)] : []),
    ].join('\n'),
  );
  return `name: Acme\naliases: []\nsummary: A company.\nfacts:\n${facts.join('\n')}\n`;
}

const sources = (urls: string[], year = 2024) =>
  urls.map((url, index) => `- url: ${url}\n  title: Page ${index}\n  publisher: Acme blog\n  year: ${year}\n`).join('');

const pages = TECHNOLOGIES.map((_, index) => `${PAGE}-${index}`);
const question = (frontMatter: string, body = '**Yes.** An answer.') => `---\n${frontMatter}\n---\n${body}\n`;

describe('editorial review', () => {
  it('passes a company whose every fact cites its own recorded page', async () => {
    const { problems, reviewProblems } = await corpusWith({
      'companies/acme.yaml': company({ sourceFor: (index) => [pages[index]!] }),
      'sources/acme.yaml': sources(pages),
    });
    expect([...problems, ...reviewProblems]).toEqual([]);
  });

  it.each([
    ['a site front page', { sourceFor: () => ['https://example.com/'] }, [], 5, /front page/],
    ['an http page', { sourceFor: () => ['http://example.com/post'] }, [], 5, /must be an https:\/\/ address/],
    ['a page not recorded in corpus/sources', {}, [], 5, /is not recorded in corpus\/sources/],
    ['one page backing 8 facts', {}, [PAGE], 5, /backs 8 facts \(more than 6\): an index page/],
    [
      'an asOf later than its source',
      { sourceFor: (index: number) => [pages[index]!], asOf: 2025 },
      pages,
      5,
      /asOf 2025 is later than its newest source \(2024\)/,
    ],
  ])('reports a fact citing %s, at the fact', async (_label, options, recorded, line, message) => {
    const { reviewProblems } = await corpusWith({
      'companies/acme.yaml': company(options),
      ...(recorded.length ? { 'sources/acme.yaml': sources(recorded) } : {}),
    });
    const found = reviewProblems.find((problem) => message.test(problem.message));
    expect(found, JSON.stringify(reviewProblems)).toBeDefined();
    expect(found?.file).toMatch(/companies\/acme\.yaml$/);
    expect(found?.line).toBe(line);
  });

  it('reports a company with facts in fewer than 4 categories, and skips it', async () => {
    const narrow: [string, string][] = [
      ['Java', 'language'],
      ['Python', 'language'],
      ['Go', 'language'],
      ['Rust', 'language'],
      ['PostgreSQL', 'database'],
      ['Cassandra', 'database'],
      ['MySQL', 'database'],
      ['AWS', 'cloud'],
    ];
    const { problems, corpus } = await corpusWith({ 'companies/acme.yaml': company({ technologies: narrow }) });
    expect(problems.map((problem) => problem.message)).toContain('a company needs facts in at least 4 categories; this one has 3');
    expect(corpus.companies.map((found) => found.slug)).not.toContain('acme');
  });

  it('reports a source recorded twice, or without a title', async () => {
    const { problems } = await corpusWith({
      'sources/a.yaml': sources([PAGE]),
      'sources/b.yaml': sources([PAGE]),
      'sources/c.yaml': `${sources([`${PAGE}-2`])}- url: ${PAGE}-untitled\n  publisher: Acme blog\n  year: 2024\n`,
    });
    expect(problems).toContainEqual(expect.objectContaining({ line: 1, message: expect.stringMatching(/already recorded in .*a\.yaml/) }));
    expect(problems.filter((problem) => problem.file.endsWith('c.yaml')).map((problem) => problem.message)).toEqual(['missing title']);
  });

  it('reports a curated entry tagged with a technology its company has no fact for', async () => {
    const { reviewProblems } = await corpusWith({
      'questions/x.md': question('id: x\nquestion: Does Netflix use Azure?\ntags:\n  - Netflix\n  - Azure'),
    });
    expect(reviewProblems).toContainEqual(
      expect.objectContaining({
        line: 6,
        message: expect.stringMatching(/tagged Netflix and Azure, but .*netflix\.yaml has no Azure fact/),
      }),
    );
  });

  it('accepts a technology listed as notUsed, and reports one the facts say is used', async () => {
    const { corpus, reviewProblems } = await corpusWith({
      'questions/x.md': question(
        'id: x\nquestion: Does Netflix use Azure?\ntags: [Netflix]\nnotUsed: [Azure]',
        '**No.** Netflix runs on AWS.',
      ),
      'questions/y.md': question('id: y\nquestion: Does Netflix use Kafka?\ntags: [Netflix]\nnotUsed:\n  - Apache Kafka', '**No.**'),
    });
    expect(reviewProblems.filter((problem) => problem.file.endsWith('x.md'))).toEqual([]);
    expect(reviewProblems).toContainEqual(
      expect.objectContaining({
        line: 6,
        message: expect.stringMatching(/says Netflix does not use Apache Kafka, but .*netflix\.yaml lists it as used/),
      }),
    );
    expect(corpus.entries.find((entry) => entry.id === 'x')?.technologies).toContain('azure');
  });

  it('reports a curated entry that says yes to a technology the company formerly used', async () => {
    const { reviewProblems } = await corpusWith({
      'questions/x.md': question('id: x\nquestion: Does Discord use Cassandra?\ntags: [Discord, Cassandra]'),
    });
    expect(reviewProblems).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/says yes to Cassandra, but .*discord\.yaml lists Cassandra as formerly used/),
      }),
    );
    const { reviewProblems: honest } = await corpusWith({
      'questions/x.md': question(
        'id: x\nquestion: Does Discord use Cassandra?\ntags: [Discord, Cassandra]',
        '**Not any more.** It moved to ScyllaDB.',
      ),
    });
    expect(honest).toEqual([]);
  });

  it('counts facts with a specific recorded source and recent facts for --stats', async () => {
    const half = pages.slice(0, 4);
    const { corpus } = await corpusWith({
      'companies/acme.yaml': company({ sourceFor: (index) => (index < 4 ? [pages[index]!] : []), asOf: 2022 }),
      'sources/acme.yaml': sources(half),
    });
    const stats = corpusStats(corpus, 2023);
    const facts = corpus.companies.flatMap((found) => found.facts);
    expect(stats.companies).toBe(3);
    expect(stats.facts).toBe(facts.length);
    // The fixture cites one recorded page; Acme cites four of its eight.
    expect(stats.specificSourceShare).toBeCloseTo(5 / facts.length);
    expect(stats.recentShare).toBeCloseTo(facts.filter((fact) => fact.asOf >= 2023).length / facts.length);
  });
});
