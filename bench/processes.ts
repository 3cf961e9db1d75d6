/**
 * Bots in processes of their own, for bench:start and bench:e2e: spawned through npm as people run them,
 * against an emulator in the benchmark's process, and stopped by their PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { STARTING_NOTE } from '../src/discord/bot.js';
import type { DiscordEmulator } from '../src/sandbox/emulator/index.js';

/** A start that takes longer than this is reported as failed. */
export const START_TIMEOUT_MS = 300_000;
const POLL_MS = 5;

/** The environment of a bot logging in to `emulator`, with `extra` on top. */
export function botEnv(emulator: DiscordEmulator, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DISCORD_TOKEN: emulator.token,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    DISCORD_API_BASE: emulator.apiBase,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** `npm run <script>` in a process group of its own, so `stopBot` ends npm and the bot alike. */
export function spawnScript(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('npm', ['run', '--silent', script], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
}

/** SIGTERM, then SIGKILL to the whole group if it has not exited within 10 s. */
export function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 10_000);
  return exited.finally(() => clearTimeout(killer));
}

/** Waits for a gateway identify after the `since`-th one. */
export async function waitForIdentify(emulator: DiscordEmulator, since: number, what: string): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (emulator.gatewayCounts.identify === since) {
    if (performance.now() > deadline) throw new Error(`${what}: no gateway identify within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Asks until the answer comes: an /ask that arrives before the engine is ready gets the "still starting"
 * note after a wait, and the bot is ready only once it answers.
 */
export async function firstAnswer(emulator: DiscordEmulator, what: string, guild = emulator.guilds[0]!): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const response = await emulator.sendCommand({ guildId: guild.id, userId: guild.member.id }, 'ask', {
      question: 'Does Netflix use Apache Spark?',
    }).response;
    if (response.type !== 4) throw new Error(`${what}: an /ask got response type ${response.type}`);
    if (!JSON.stringify(response.data).includes(JSON.stringify(STARTING_NOTE).slice(1, -1))) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what}: no answer within ${START_TIMEOUT_MS} ms`);
}

/**
 * Spawns `npm run <script>` and resolves once it has identified `shards` times (one per shard process, with
 * SHARD_COUNT) and answered an /ask in every guild (with shards, the emulator has one guild per shard).
 */
export async function startBot(emulator: DiscordEmulator, script: string, env: NodeJS.ProcessEnv, shards = 1): Promise<ChildProcess> {
  const identified = emulator.gatewayCounts.identify;
  const child = spawnScript(script, env);
  try {
    for (let shard = 0; shard < shards; shard++) await waitForIdentify(emulator, identified + shard, script);
    for (const guild of emulator.guilds) await firstAnswer(emulator, script, guild);
    return child;
  } catch (error) {
    await stopBot(child);
    throw error;
  }
}
