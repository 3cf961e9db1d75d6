/**
 * npm run --silent ask -- [--json] [--corpus DIR] "Does Netflix use Kafka?"
 * With no question, reads questions from standard input, one per line.
 */

import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createLogger } from '../logger.js';
import type { AnswerEngine } from '../search/engine.js';
import { loadEngine } from '../search/load-engine.js';
import { QueryError } from '../search/query-limits.js';
import { toJson, toText } from './format.js';

const USAGE = `Usage: npm run --silent ask -- [--json] [--corpus DIR] ["question"]
  With no question, reads questions from standard input, one per line.
  --json         print one JSON object per question
  --corpus DIR   answer from another corpus folder (default: corpus)`;

/** Exit codes: 0 answered or not, 1 bad question, 2 bad usage. */
const EXIT = { badQuestion: 1, usage: 2 } as const;

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`ask: ${(error as Error).message}\n${USAGE}`);
    process.exit(EXIT.usage);
  }
}

function answerOne(engine: AnswerEngine, question: string, json: boolean): string {
  const result = engine.ask(question);
  return json ? JSON.stringify(toJson(result)) : toText(result, result.entry ? engine.citations(result.entry) : []);
}

async function answerStream(engine: AnswerEngine, json: boolean): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    try {
      const output = answerOne(engine, line, json);
      process.stdout.write(json ? `${output}\n` : `${output}\n\n`);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      process.stdout.write(
        json ? `${JSON.stringify({ error: error.message, line: lineNumber })}\n` : `line ${lineNumber}: ${error.message}\n\n`,
      );
    }
  }
}

const { values, positionals } = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: false, fd: 2 });
const engine = await loadEngine(path.resolve(values.corpus ?? 'corpus'), logger);

if (positionals.length === 0) {
  if (process.stdin.isTTY) console.error('Reading questions from standard input, one per line (Ctrl-D to finish).');
  await answerStream(engine, values.json);
} else {
  try {
    console.log(answerOne(engine, positionals.join(' '), values.json));
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    if (values.json) console.log(JSON.stringify({ error: error.message }));
    else console.error(`ask: ${error.message}`);
    process.exitCode = EXIT.badQuestion;
  }
}
