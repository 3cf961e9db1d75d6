import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';

const execFileAsync = promisify(execFile);
const ASK = ['tsx', 'src/cli/ask.ts', '--corpus', FIXTURE_CORPUS];

async function ask(...args: string[]) {
  return execFileAsync('npx', [...ASK, ...args]).catch((error: { code: number; stdout: string; stderr: string }) => error);
}

/** Runs the CLI in batch mode with `input` on standard input. */
function askBatch(input: string, ...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', [...ASK, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
    child.stdin.end(input);
  });
}

describe('ask CLI', () => {
  it('--json prints the documented object for an answered question', async () => {
    const { stdout } = await ask('--json', 'Does Netflix use Kafka?');
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ status: 'answered', confidence: expect.any(Number), alternatives: [] });
    expect(Object.keys(result.entry).sort()).toEqual(['answer', 'id', 'question', 'sources', 'updated']);
    expect(result.entry.id).toBe('d:uses:netflix:apache-kafka');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.related.length).toBeGreaterThan(0);
    for (const item of result.related) expect(Object.keys(item).sort()).toEqual(['id', 'question']);
  });

  it('--json gives unsure and out_of_scope with a null entry', async () => {
    const unsure = JSON.parse((await ask('--json', 'Does Netflix use Rust?')).stdout);
    expect(unsure).toMatchObject({ status: 'unsure', entry: null });
    expect(unsure.alternatives.length).toBeGreaterThan(0);
    const outOfScope = JSON.parse((await ask('--json', 'How much do Netflix plans cost?')).stdout);
    expect(outOfScope).toMatchObject({ status: 'out_of_scope', entry: null, alternatives: [] });
  });

  it('prints a readable answer followed by related questions', async () => {
    const { stdout } = await ask('Does Netflix use Apache Spark?');
    expect(stdout).toMatch(/^Does Netflix use Apache Spark\?/);
    expect(stdout).toContain(
      'Sources:\n  Netflix – Productionizing Spark On Yarn For ETL At Petabyte Scale, Databricks, 2017: https://databricks.com/session/',
    );
    expect(stdout).toMatch(/Related questions:\n {2}- /);
  });

  it('rejects a bad single question with a clear message and a non-zero exit', async () => {
    const failure = await ask('   ');
    expect('code' in failure && failure.code).toBe(1);
    expect(failure.stderr).toMatch(/The question is empty/);
  });

  it('answers standard input one line at a time, with a JSON error for a bad line', async () => {
    const input = ['Does Netflix use Kafka?', '', '🙂🙂', 'Which VPN works with Netflix?', 'x'.repeat(10_000)].join('\n');
    const { code, stdout } = await askBatch(`${input}\n`, '--json');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0].status).toBe('answered');
    expect(lines[1]).toEqual({ error: expect.stringMatching(/empty/), line: 2 });
    expect(lines[2]).toEqual({ error: expect.stringMatching(/no words/), line: 3 });
    expect(lines[3].status).toBe('out_of_scope');
    expect(lines[4]).toEqual({ error: expect.stringMatching(/characters long/), line: 5 });
  });
});
