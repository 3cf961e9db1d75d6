import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load.js';
import type { QuestionWords } from '../../src/corpus/words.js';
import { parseWordsFile } from '../../src/corpus/words-file.js';
import { AnswerEngine } from '../../src/search/engine.js';
import type { EngineOptions } from '../../src/search/options.js';

export const FIXTURE_CORPUS = path.resolve('test/fixtures/corpus');
export const SHIPPED_CORPUS = path.resolve('corpus');

/** The shipped corpus's question words, for tests that build a corpus by hand. */
export function shippedWords(): QuestionWords {
  const file = path.join(SHIPPED_CORPUS, 'words.yaml');
  const { words, problems } = parseWordsFile(file, readFileSync(file, 'utf8'));
  if (!words) throw new Error(`corpus/words.yaml has problems: ${JSON.stringify(problems)}`);
  return words;
}

export async function fixtureEngine(options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
  const { corpus, problems } = await loadCorpus(FIXTURE_CORPUS);
  if (problems.length) throw new Error(`fixture corpus has problems: ${JSON.stringify(problems)}`);
  return AnswerEngine.create(corpus, options);
}

/** A writable copy of the fixture corpus, removed by the returned cleanup. */
export async function copyOfFixture(): Promise<{
  dir: string;
  write(file: string, text: string): Promise<void>;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'stackwise-corpus-'));
  await cp(FIXTURE_CORPUS, dir, { recursive: true });
  return {
    dir,
    async write(file, text) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
