import { GatewayIntentBits } from 'discord-api-types/v10';
import { type RunningApp, startApp } from '../app.js';
import type { Config } from '../config.js';
import type { CommandSet } from '../discord/context.js';
import type { InteractionHooks } from '../discord/router.js';
import type { Logger } from '../logger.js';
import { DiscordEmulator, type EmulatorOptions } from './emulator/index.js';

export interface EmulatedAppOptions {
  config: Config;
  logger: Logger;
  commands: CommandSet;
  emulator?: EmulatorOptions;
  watchCorpus?: boolean;
  hooks?: InteractionHooks;
  /** Discord allows 50 requests/s; the emulator on loopback takes far more. */
  restRequestsPerSecond?: number;
}

export interface EmulatedApp {
  emulator: DiscordEmulator;
  /** The app of the current boot. */
  readonly app: RunningApp;
  /**
   * Stops the bot and starts it again on the same emulator (the commands stay registered); `between`
   * runs while it is stopped, e.g. to empty its data folder.
   */
  restart(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The local Discord emulator with the real bot connected to it, its commands registered globally (as
 * `npm run deploy-commands` does without DEV_GUILD_ID), so they reach DMs and user installs too.
 * The sandbox, the end-to-end tests and the benchmarks all run the bot this way.
 */
export async function startEmulatedApp(options: EmulatedAppOptions): Promise<EmulatedApp> {
  // The emulated Developer Portal grants the Message Content intent when the bot is configured to ask for it.
  const privilegedIntents =
    (options.emulator?.privilegedIntents ?? 0) | (options.config.messageContentIntent ? GatewayIntentBits.MessageContent : 0);
  const emulator = await DiscordEmulator.start({ ...options.emulator, privilegedIntents });
  const config = { ...options.config, discordToken: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase };
  const boot = (deployGlobally: boolean) =>
    startApp({
      config,
      logger: options.logger,
      commands: options.commands,
      deployGlobally,
      restRequestsPerSecond: options.restRequestsPerSecond ?? 1000,
      ...(options.watchCorpus ? { watchCorpus: true } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  let app = await boot(true);
  return {
    emulator,
    get app() {
      return app;
    },
    async restart(between) {
      await app.stop();
      await between?.();
      app = await boot(false);
    },
    async stop() {
      await app.stop();
      await emulator.close();
    },
  };
}
