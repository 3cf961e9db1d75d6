/**
 * npm start: runs the bot against Discord (or the API at DISCORD_API_BASE) when DISCORD_TOKEN is set;
 * without one, the local sandbox: the emulator, the real bot and a Discord-like web page.
 */
import { CorpusWorker } from './corpus/corpus-worker.js';

// First, before the rest loads: the corpus worker thread loads its code meanwhile, on the other core.
CorpusWorker.prewarm();
await import('./run.js');
