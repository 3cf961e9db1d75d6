import { setTimeout as delay } from 'node:timers/promises';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Config } from '../config.js';
import type { LiveEngine } from '../curation/live-engine.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { AutoAnswerer } from './auto-answer.js';
import { ChartRenderer } from './charts/chart-renderer.js';
import type { BotContext, CommandSet } from './context.js';
import { Cooldown } from './cooldown.js';
import { NO_MENTIONS } from './render.js';
import { respondWithNote } from './reply.js';
import { createInteractionHandler, type InteractionHooks } from './router.js';

const BOT_TIMINGS = {
  /** How long login may take before we give up. */
  readyTimeoutMs: 30_000,
  /** How long shutdown waits for interactions in flight. */
  drainTimeoutMs: 5_000,
  /**
   * How long an interaction that arrives while the corpus is still loading waits for it, before it gets
   * a note instead: Discord wants a response within 3 s.
   */
  startupWaitMs: 2_000,
};

export const STARTING_NOTE = "I'm still starting up and loading the corpus. Please try again in a few seconds.";

export interface BotOptions {
  config: Config & { discordToken: string };
  /** The live engine, or its promise while the corpus loads: the bot logs in meanwhile. */
  live: LiveEngine | Promise<LiveEngine>;
  store: Store;
  logger: Logger;
  commands: CommandSet;
  hooks?: InteractionHooks;
  /** Discord allows 50 requests/s; a local emulator can take far more. */
  restRequestsPerSecond?: number;
}

export interface RunningBot {
  client: Client<true>;
  /** Stops taking interactions, finishes those in flight, and disconnects. */
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  // Guilds: commands and threads (THREAD_CREATE). GuildMessages: a new post's first message, for auto-answers;
  // its text only with the privileged Message Content intent, when the bot's owner switched it on.
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      ...(config.messageContentIntent ? [GatewayIntentBits.MessageContent] : []),
    ],
    allowedMentions: NO_MENTIONS,
    rest: {
      ...(config.apiBase ? { api: config.apiBase } : {}),
      ...(options.restRequestsPerSecond ? { globalRequestsPerSecond: options.restRequestsPerSecond } : {}),
    },
  });
  type Handler = (interaction: Interaction) => Promise<void>;
  const charts = new ChartRenderer();
  let handle: Handler | undefined;
  const contextReady = Promise.resolve(options.live).then((live): BotContext => {
    return {
      get engine() {
        return live.current;
      },
      curation: live.curation,
      bundles: live.bundles,
      store: options.store,
      logger,
      config,
      askCooldown: new Cooldown(config.askCooldown.limit, config.askCooldown.windowMs),
      commands: options.commands,
      charts,
    };
  });
  const handlerReady = contextReady.then((context) => {
    handle = createInteractionHandler(context, options.commands.slash, options.commands.message, options.hooks);
    return handle;
  });
  // A failed load is reported by whoever awaits the engine (startApp); here it only means "not ready".
  handlerReady.catch(() => undefined);
  /** An interaction that came before the engine: handled once it is ready, or told to come back, within Discord's 3 s. */
  const handleEarly: Handler = async (interaction) => {
    const ready = await Promise.race([handlerReady.catch(() => undefined), delay(BOT_TIMINGS.startupWaitMs, undefined, { ref: false })]);
    if (ready) return ready(interaction);
    logger.warn({ interactionId: interaction.id, waitedMs: BOT_TIMINGS.startupWaitMs }, 'interaction before the engine was ready');
    if (interaction.isAutocomplete()) await interaction.respond([]).catch(() => undefined);
    else if (interaction.isRepliable()) await respondWithNote(interaction, STARTING_NOTE).catch(() => undefined);
  };
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!accepting) return;
    const work = (handle ?? handleEarly)(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  const autoAnswerer = new AutoAnswerer(client, options.store, contextReady, logger.child({ component: 'auto-answer' }));
  client.on(Events.ThreadCreate, (thread, newlyCreated) => {
    if (accepting) autoAnswerer.onThreadCreate(thread, newlyCreated);
  });
  client.on(Events.MessageCreate, (message) => {
    if (accepting) autoAnswerer.onMessageCreate(message);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(config.discordToken);
  const readyClient = await Promise.race([
    ready,
    delay(BOT_TIMINGS.readyTimeoutMs, undefined, { ref: false }).then(() => {
      throw new Error(`discord: not ready after ${BOT_TIMINGS.readyTimeoutMs} ms`);
    }),
  ]);
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'bot ready');

  return {
    client: readyClient,
    async stop() {
      accepting = false;
      const drained = Promise.allSettled([...inFlight, autoAnswerer.stop()]);
      await Promise.race([drained, delay(BOT_TIMINGS.drainTimeoutMs, undefined, { ref: false })]);
      await client.destroy();
      await charts.close();
      logger.info({ unfinished: inFlight.size }, 'bot stopped');
    },
  };
}
