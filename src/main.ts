/**
 * npm start: runs the bot against Discord (or the API at DISCORD_API_BASE) when DISCORD_TOKEN is set;
 * without one, the local sandbox: the emulator, the real bot and a Discord-like web page.
 */
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { type Config, ConfigError, loadConfig } from './config.js';
import { CorpusWorker } from './corpus/corpus-worker.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

dotenv.config({ quiet: true });
const config = configOrExit();
// discord.js's Client reads SHARD_COUNT from the environment as its own: only a shard process may pass it on.
if (!config.shard) delete process.env.SHARD_COUNT;
if (config.discordToken && config.sharding && !config.shard) {
  // SHARD_COUNT: this process only starts and watches the shard processes, each of them this file.
  const { runShards } = await import('./run-shards.js');
  runShards({ ...config, discordToken: config.discordToken }, fileURLToPath(import.meta.url));
} else {
  // Before the rest loads: the corpus worker thread loads its code, and reads and checks the bot's index
  // snapshot, on the other core while this one loads discord.js.
  CorpusWorker.prewarm(config.discordToken ? { corpusDir: config.corpusDir, dataDir: config.dataDir } : undefined);
  const { run } = await import('./run.js');
  run(config);
}
