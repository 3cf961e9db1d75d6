import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { LiveEngine } from '../../src/curation/live-engine.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import { Store } from '../../src/store/index.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';

/** The bot logs in before its corpus has loaded: what people who ask in that moment get. */
describe('interactions that arrive before the engine is ready', () => {
  let emulator: DiscordEmulator;
  let dataDir: string;
  let store: Store;
  let bot: RunningBot | undefined;
  let live: LiveEngine | undefined;
  const logger = pino({ level: 'silent' });

  beforeEach(async () => {
    emulator = await DiscordEmulator.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-early-'));
    store = Store.open(dataDir);
    const guild = emulator.guilds[0]!;
    await deployCommands(
      { token: emulator.token, applicationId: emulator.applicationId, apiBase: emulator.apiBase, guildId: guild.id },
      COMMANDS,
    );
  });
  afterEach(async () => {
    await bot?.stop();
    await live?.close();
    store.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
    bot = undefined;
    live = undefined;
  });

  const start = (engine: Promise<LiveEngine>) =>
    startBot({
      config: { ...loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS }), discordToken: emulator.token, apiBase: emulator.apiBase },
      live: engine,
      store,
      logger,
      commands: COMMANDS,
    });
  const ask = (question: string) => {
    const guild = emulator.guilds[0]!;
    return emulator.sendCommand({ guildId: guild.id, userId: guild.member.id }, 'ask', { question });
  };

  it('an /ask sent while the corpus loads is answered once it has loaded', async () => {
    let loaded!: (engine: LiveEngine) => void;
    bot = await start(new Promise((resolve) => (loaded = resolve)));
    const early = ask('Does Netflix use Apache Kafka?');
    await delay(300);
    live = await LiveEngine.load(FIXTURE_CORPUS, store, logger);
    loaded(live);
    const response = await early.response;
    expect((response.data.embeds as { title: string }[] | undefined)?.[0]?.title).toBe('Does Netflix use Apache Kafka?');
  });

  it('when loading takes too long, the asker gets a polite note within Discord’s 3 s, and the bot answers once ready', async () => {
    let loaded!: (engine: LiveEngine) => void;
    bot = await start(new Promise((resolve) => (loaded = resolve)));
    const response = await ask('Does Netflix use Apache Kafka?').response;
    expect(response.data.flags).toBe(64);
    expect(String(response.data.content)).toMatch(/still starting up/);
    const guild = emulator.guilds[0]!;
    const suggestions = await emulator.sendAutocomplete({ guildId: guild.id, userId: guild.member.id }, 'ask', 'question', 'netflix')
      .choices;
    expect(suggestions).toEqual([]);

    live = await LiveEngine.load(FIXTURE_CORPUS, store, logger);
    loaded(live);
    const later = await ask('Does Netflix use Apache Kafka?').response;
    expect((later.data.embeds as { title: string }[] | undefined)?.[0]?.title).toBe('Does Netflix use Apache Kafka?');
  });
});
