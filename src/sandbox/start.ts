import type { Config } from '../config.js';
import type { CommandSet } from '../discord/context.js';
import type { Logger } from '../logger.js';
import { startEmulatedApp } from './emulated-app.js';
import type { DiscordEmulator } from './emulator/index.js';
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
  const running = await startEmulatedApp({
    config,
    logger: logger.child({ component: 'bot' }),
    commands,
    watchCorpus: true,
    emulator: { onUnknownRoute: (method, path) => logger.warn({ method, path }, 'emulator: unknown route') },
  });
  const { emulator } = running;
  const web = new SandboxWebServer(emulator, logger.child({ component: 'sandbox' }));
  const url = await web.listen(config.sandboxPort);
  return {
    url,
    emulator,
    async stop() {
      await web.close();
      await running.stop();
    },
  };
}
