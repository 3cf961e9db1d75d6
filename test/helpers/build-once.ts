import { execFileSync } from 'node:child_process';

/**
 * vitest globalSetup for the end-to-end tests: `npm start` runs dist/, so it is brought up to date once,
 * before tests start it in parallel (each would otherwise rebuild a stale dist/ under the others).
 */
export default function buildOnce(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
}
