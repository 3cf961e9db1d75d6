import { startApp } from '../app.js';
import type { Config } from '../config.js';
import type { CommandSet } from '../discord/context.js';
import type { Logger } from '../logger.js';
import { DiscordEmulator } from './emulator/index.js';
import { SandboxWebServer } from './web-server.js';

export interface RunningSandbox {
  url: string;
  emulator: DiscordEmulator;
  stop(): Promise<void>;
}

/**
 * Three things on 127.0.0.1: the Discord emulator, the real bot connected to it, and a web page
 * that acts as a Discord client. Commands are registered with the emulator here, so a newcomer
 * runs nothing else.
 */
export async function startSandbox(config: Config, logger: Logger, commands: CommandSet): Promise<RunningSandbox> {
  const emulator = await DiscordEmulator.start({
    onUnknownRoute: (method, path) => logger.warn({ method, path }, 'emulator: unknown route'),
  });
  const app = await startApp({
    config: { ...config, discordToken: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase },
    logger: logger.child({ component: 'bot' }),
    commands,
    watchCorpus: true,
    deployToGuilds: emulator.guilds.map((guild) => guild.id),
    restRequestsPerSecond: 1000,
  });
  const web = new SandboxWebServer(emulator, logger.child({ component: 'sandbox' }));
  const url = await web.listen(config.sandboxPort);
  return {
    url,
    emulator,
    async stop() {
      await web.close();
      await app.stop();
      await emulator.close();
    },
  };
}
