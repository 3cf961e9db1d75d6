import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ChannelType } from 'discord-api-types/v10';
import type { Config } from '../config.js';
import type { CommandSet } from '../discord/context.js';
import type { Logger } from '../logger.js';
import { startEmulatedApp } from './emulated-app.js';
import type { DiscordEmulator } from './emulator/index.js';
import { MessageHistory } from './history.js';
import { SANDBOX_APPLICATION_ID, SANDBOX_GUILDS, sandboxDmChannelId } from './seeds.js';
import { SandboxWebServer } from './web-server.js';

export interface RunningSandbox {
  url: string;
  emulator: DiscordEmulator;
  /** Where the sandbox keeps its store and history: DATA_DIR/sandbox, apart from the real bot's data. */
  dataDir: string;
  stop(): Promise<void>;
}

/** The sandbox's own folder inside DATA_DIR. */
export function sandboxDataDir(config: Config): string {
  return path.join(config.dataDir, 'sandbox');
}

/**
 * Three things on 127.0.0.1: the Discord emulator, the real bot connected to it, and a web page
 * that acts as a Discord client. Commands are registered with the emulator here, so a newcomer
 * runs nothing else. Servers, channels and people keep their ids across restarts, and the
 * channel history is kept, so a restart carries on where it stopped.
 */
export async function startSandbox(config: Config, logger: Logger, commands: CommandSet): Promise<RunningSandbox> {
  const dataDir = sandboxDataDir(config);
  await mkdir(dataDir, { recursive: true });
  const running = await startEmulatedApp({
    // The sandbox's emulated Developer Portal has the Message Content intent on, so posts are read whole.
    config: { ...config, dataDir, messageContentIntent: true },
    logger: logger.child({ component: 'bot' }),
    commands,
    watchCorpus: true,
    emulator: {
      applicationId: SANDBOX_APPLICATION_ID,
      guilds: SANDBOX_GUILDS,
      onUnknownRoute: (method, path) => logger.warn({ method, path }, 'emulator: unknown route'),
    },
  });
  const { emulator } = running;
  /** The sandbox's forums answer new posts from the start: what a curator would do with /faq settings auto-answer:. */
  const optInForums = () => {
    for (const guild of emulator.guilds) {
      for (const channel of guild.channels.filter((candidate) => candidate.type === ChannelType.GuildForum)) {
        running.app.store.autoAnswer.addChannel(guild.id, channel.id, SANDBOX_APPLICATION_ID);
      }
    }
  };
  optInForums();
  for (const guild of emulator.guilds) {
    for (const user of [guild.member, guild.moderator]) emulator.dmChannel(user.id, undefined, sandboxDmChannelId(user.id));
  }
  const history = new MessageHistory(path.join(dataDir, 'history.json'), emulator, logger.child({ component: 'sandbox' }));
  await history.restore();
  history.follow();

  /** Back to a first start: no messages, no server entries, votes or settings. */
  const reset = async () => {
    await history.flush();
    emulator.clearMessages();
    await running.restart(async () => {
      for (const entry of ['stackwise.sqlite', 'stackwise.sqlite-wal', 'stackwise.sqlite-shm', 'history.json']) {
        await rm(path.join(dataDir, entry), { force: true });
      }
    });
    optInForums();
    logger.info({ dataDir }, 'sandbox reset');
  };
  const web = new SandboxWebServer(emulator, logger.child({ component: 'sandbox' }), reset);
  const url = await web.listen(config.sandboxPort);
  return {
    url,
    emulator,
    dataDir,
    async stop() {
      await web.close();
      await history.flush();
      await running.stop();
    },
  };
}
