// npm start: builds dist/ if a source file is newer, then runs the bot from it, in this one process
// (a build check of its own would cost a second Node start on every start).
import { buildIfStale } from './build.mjs';

await buildIfStale();
await import('../dist/main.js');
