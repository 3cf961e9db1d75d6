// Builds the bot that `npm start` runs: src/ bundled into plain JavaScript in dist/, with source maps so
// stack traces name the TypeScript files. `buildIfStale` (and `--if-stale`) skips the build when dist/ is
// newer than every source file, so `npm start` after an edit runs the edit, and otherwise starts at once.
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT_DIR = path.join(ROOT, 'dist');
/** Written last: its time is when dist/ was complete. */
const STAMP = path.join(OUT_DIR, '.built');
const SOURCES = ['src', 'commands', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

async function newestSourceTime(entry) {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  // Side by side: a walk of one file after another would cost npm start a few tens of milliseconds.
  const inside = await Promise.all((await readdir(entry)).map((name) => newestSourceTime(path.join(entry, name))));
  return Math.max(info.mtimeMs, ...inside);
}

async function isStale() {
  const built = await stat(STAMP).catch(() => undefined);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((source) => newestSourceTime(path.join(ROOT, source))));
  return Math.max(...sources) > built.mtimeMs;
}

export async function build() {
  // Loaded only when there is something to build: the check alone must cost npm start next to nothing.
  const esbuild = await import('esbuild');
  const started = performance.now();
  // Chunk names carry a hash: without this, old chunks would pile up.
  await rm(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
  absWorkingDir: ROOT,
  // Each worker thread is a file of its own, started by path (src/worker-spawn.ts).
  entryPoints: {
    main: 'src/main.ts',
    'worker-thread': 'src/corpus/worker-thread.ts',
    'record-writer-thread': 'src/store/record-writer-thread.ts',
    'chart-thread': 'src/discord/charts/chart-thread.ts',
  },
  outdir: OUT_DIR,
  bundle: true,
  // The sandbox and its emulator load only when there is no token.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages stay in node_modules: native ones (better-sqlite3) and pino's transports must load from there.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
  await writeFile(STAMP, `${new Date().toISOString()}\n`);
  console.error(`stackwise: built dist/ in ${Math.round(performance.now() - started)} ms`);
}

export async function buildIfStale() {
  if (await isStale()) await build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await buildIfStale();
  else await build();
}
