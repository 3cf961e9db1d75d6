import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/corpus/bundle.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { formatProblem } from '../../src/corpus/problems.js';
import { copyOfFixture, FIXTURE_CORPUS } from '../helpers/fixture.js';

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function brokenCorpus(files: Record<string, string>) {
  const copy = await copyOfFixture();
  cleanups.push(copy.cleanup);
  for (const [file, text] of Object.entries(files)) await copy.write(file, text);
  return copy.dir;
}

const question = (frontMatter: string, body = 'An answer.') => `---\n${frontMatter}\n---\n${body}\n`;

describe('corpus check', () => {
  it('accepts a good corpus', async () => {
    const { corpus, problems } = await loadCorpus(FIXTURE_CORPUS);
    expect(problems).toEqual([]);
    expect(corpus.companies.map((company) => company.slug).sort()).toEqual(['discord', 'netflix']);
    expect(corpus.entries).toHaveLength(3);
  });

  it.each([
    [
      'an unknown technology',
      'questions/x.md',
      question('id: x\nquestion: Does Netflix use Zig?\ntags: [Netflix, Zig]'),
      4,
      /Unknown tag: "Zig"/,
    ],
    ['a duplicate id', 'questions/z.md', question('id: netflix-database\nquestion: Another?'), 2, /duplicate id "netflix-database"/],
    ['a missing question', 'questions/x.md', question('id: x\ntags: [Netflix]'), 2, /The question is empty/],
    [
      'an answer over 4,000 characters',
      'questions/x.md',
      question('id: x\nquestion: Is this answer too long?', 'a'.repeat(4001)),
      5,
      /The answer is 4001 characters; the limit is 4000/,
    ],
    [
      'a question over 256 characters',
      'questions/x.md',
      question(`id: x\nquestion: ${'q'.repeat(257)}`),
      3,
      /257 characters; the limit is 256/,
    ],
    [
      'a related id that does not exist',
      'questions/x.md',
      question('id: x\nquestion: What is related here?\nrelated:\n  - netflix-database\n  - nope'),
      6,
      /related id "nope" does not exist/,
    ],
    [
      'a malformed date',
      'questions/x.md',
      question('id: x\nquestion: When was this updated?\nupdated: 2026-13-45'),
      4,
      /malformed date "2026-13-45"/,
    ],
    [
      'a malformed URL',
      'questions/x.md',
      question('id: x\nquestion: Where is the source?\nsources:\n  - not a url'),
      5,
      /this is not: "not a url"/,
    ],
    [
      'a fact cut short by a comma in flow style',
      'companies/acme.yaml',
      'name: Acme\nsummary: S.\nfacts:\n  - { technology: Java, category: language, usedFor: Batch ETL, then ML., status: uses, asOf: 2024 }\n',
      4,
      /unknown field "then ML\."/,
    ],
    ['broken YAML', 'questions/x.md', question('id: x\nquestion: [unclosed'), 3, /YAML/],
    [
      'a fact with an unknown technology',
      'companies/acme.yaml',
      'name: Acme\nsummary: S.\nfacts:\n  - technology: Zig\n    category: language\n    usedFor: U.\n    status: uses\n    asOf: 2024\n',
      4,
      /unknown technology "Zig"/,
    ],
    [
      'a technology named twice',
      'technologies/more.yaml',
      '- name: Postgres SQL\n  aliases: [Postgres]\n  category: database\n',
      1,
      /"postgres" of Postgres SQL is already used by PostgreSQL/,
    ],
  ])('reports %s with its file and line', async (_label, file, text, line, message) => {
    const dir = await brokenCorpus({ [file]: text });
    const { problems } = await loadCorpus(dir);
    const found = problems.find((problem) => message.test(problem.message));
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found?.file).toMatch(new RegExp(`${file.replace('.', '\\.')}$`));
    expect(found?.line).toBe(line);
  });

  it('validates corpus/words.yaml, each problem located, and keeps questions readable without it', async () => {
    const words = await readFile(path.join(FIXTURE_CORPUS, 'words.yaml'), 'utf8');
    const broken = words
      .replace('categories:\n', 'categories:\n  galaxy: ["stars"]\n')
      .replace('cloud: ["cloud",', 'cloud: ["db", "cloud",')
      .replace(/\nchatter:\n.*\n?/, '\n');
    const dir = await brokenCorpus({ 'words.yaml': broken });
    const { problems } = await loadCorpus(dir);
    const messages = problems.filter((problem) => problem.file.endsWith('words.yaml')).map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unknown category "galaxy"/),
        '"db" already names the database category',
        'missing chatter (a list of words)',
      ]),
    );
    expect(problems.find((problem) => problem.message.startsWith('unknown category "galaxy"'))?.line).toBe(6);
  });

  it('reports a YAML alias bomb as a located problem, in a corpus file and in an import, and loads the rest', async () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const bomb = `${levels.join('\n')}\n`;
    const dir = await brokenCorpus({ 'companies/bomb.yaml': bomb });
    const { problems, corpus } = await loadCorpus(dir);
    expect(problems).toContainEqual(expect.objectContaining({ line: 1, message: expect.stringMatching(/^YAML: .*alias/i) }));
    expect(corpus.companies.map((company) => company.slug).sort()).toEqual(['discord', 'netflix']);
    const imported = readBundle('import.yaml', `entries:\n  - ${bomb.replace(/\n/g, '\n    ')}`);
    expect(imported.problems.map((problem) => problem.message).join(' ')).toMatch(/alias/i);
  });

  it('reports a question with no words, or with a control character, in any kind of file', async () => {
    const dir = await brokenCorpus({
      'questions/x.md': question('id: x\nquestion: "🚀🚀🚀 \u200b\u200b"'),
      'questions/y.yaml': 'entries:\n  - id: y\n    question: "Does Netflix use\\0 Kafka?"\n    answer: An answer.\n',
    });
    const { problems } = await loadCorpus(dir);
    expect(problems).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^The question has no words/) }));
    expect(problems).toContainEqual(expect.objectContaining({ message: 'There is a control character in the question; remove it.' }));
  });

  it('holds .md files and .yaml bundles to the same content rules', async () => {
    const phrasings = Array.from({ length: 11 }, (_, index) => `Phrasing number ${index}?`);
    const dir = await brokenCorpus({
      'questions/x.md': question(`id: x\nquestion: Why?\nphrasings:\n${phrasings.map((p) => `  - ${p}`).join('\n')}`),
      'questions/y.yaml': `entries:\n  - id: y\n    question: Why?\n    phrasings:\n${phrasings.map((p) => `      - ${p}`).join('\n')}\n    answer: An answer.\n`,
    });
    const { problems } = await loadCorpus(dir);
    const messagesOf = (file: string) => problems.filter((problem) => problem.file.endsWith(file)).map((problem) => problem.message);
    expect(messagesOf('x.md')).toEqual([
      'The question is too short (at least 8 characters).',
      'There are 11 other phrasings; the limit is 10.',
    ]);
    expect(messagesOf('y.yaml')).toEqual(messagesOf('x.md'));
  });

  it('skips a bad file and keeps the rest', async () => {
    const dir = await brokenCorpus({ 'questions/x.md': question('id: x\ntags: [Netflix]') });
    const { corpus } = await loadCorpus(dir);
    expect(corpus.entries.map((entry) => entry.id)).not.toContain('x');
    expect(corpus.entries).toHaveLength(3);
  });

  it('npm run corpus:check exits non-zero and prints one line per problem', async () => {
    const dir = await brokenCorpus({
      'questions/x.md': question('id: x\nquestion: Where is the source?\nupdated: yesterday\nsources: [ftp://x]'),
    });
    const failure = await run('npx', ['tsx', 'src/cli/corpus-check.ts', dir]).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failure && failure.code).toBe(1);
    const lines = failure.stdout.trim().split('\n');
    expect(lines.filter((line) => /x\.md:\d+: /.test(line))).toHaveLength(2);

    const success = await run('npx', ['tsx', 'src/cli/corpus-check.ts', '--stats', FIXTURE_CORPUS]);
    expect(success.stdout).toMatch(/corpus:check: ok/);
    expect(success.stdout).toMatch(/stats: 2 companies, 17 facts, 5\.9% with a specific source, \d+\.\d% as of 2023 or later/);
  });

  it('formats problems as file:line: message', () => {
    expect(formatProblem({ file: 'corpus/a.md', line: 3, message: 'bad' })).toBe('corpus/a.md:3: bad');
  });
});
