import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../src/sandbox/emulator/index.js';
import { type Harness, startHarness } from '../helpers/bot-harness.js';
import { copyOfFixture, FIXTURE_CORPUS } from '../helpers/fixture.js';
import { loginEnv, startMain, startNpmStart } from '../helpers/main-process.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const actor = (h: Harness) => ({ guildId: h.emulator.guilds[0]!.id, userId: h.emulator.guilds[0]!.member.id });

describe('reliability', () => {
  it('answers the excess over the /ask cooldown with an ephemeral note', async () => {
    harness = await startHarness({ env: { ASK_COOLDOWN_LIMIT: '2', ASK_COOLDOWN_SECONDS: '60' } });
    const ask = () => harness!.emulator.sendCommand(actor(harness!), 'ask', { question: 'Does Netflix use Kafka?' }).response;
    expect((await ask()).data.flags ?? 0).toBe(0);
    expect((await ask()).data.flags ?? 0).toBe(0);
    const third = await ask();
    expect(third.data.flags).toBe(64);
    expect(String(third.data.content)).toMatch(/asking quickly/);
  });

  it('turns an unexpected handler error into "Something went wrong (ref …)" and logs it with the ref', async () => {
    harness = await startHarness({
      hooks: {
        beforeHandle(interaction) {
          if (interaction.isChatInputCommand() && interaction.options.getString('question') === 'boom') throw new Error('injected failure');
        },
      },
    });
    const response = await harness.emulator.sendCommand(actor(harness), 'ask', { question: 'boom' }).response;
    expect(response.data.flags).toBe(64);
    const ref = /Something went wrong \(ref ([0-9a-f]{8})\)/.exec(String(response.data.content))?.[1];
    expect(ref).toBeDefined();
    expect(String(response.data.content)).not.toMatch(/injected failure|at .*\.ts/);
    const logged = harness.logs.find('interaction failed')[0] as { ref: string; err: { message: string } };
    expect(logged.ref).toBe(ref);
    expect(logged.err.message).toBe('injected failure');
    const next = await harness.emulator.sendCommand(actor(harness), 'ask', { question: 'Does Netflix use Kafka?' }).response;
    expect(next.type).toBe(4);
  });

  it('logs one line per interaction with its kind, status and latency, and never the token', async () => {
    harness = await startHarness();
    const sent = harness.emulator.sendCommand(actor(harness), 'help');
    await sent.response;
    // The line is written once the handler returns, just after its reply went out.
    const deadline = Date.now() + 2000;
    const lineFor = () => harness!.logs.find('interaction').find((line) => line.interactionId === sent.id);
    while (!lineFor() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const line = lineFor()!;
    expect(line).toMatchObject({ kind: 'command:help', status: 'ok', guildId: harness.emulator.guilds[0]!.id });
    expect(typeof line.ms).toBe('number');
    expect(JSON.stringify(harness.logs.lines)).not.toContain(harness.emulator.token);
  });

  it('never logs an interaction token, even in the errors of failed Discord calls', async () => {
    harness = await startHarness({
      interactionDeadlineMs: 100,
      hooks: {
        // Past the (shortened) deadline, the bot's callback fails with Discord's 10062.
        beforeHandle: () => new Promise((resolve) => setTimeout(resolve, 300)),
      },
    });
    const sent = harness.emulator.sendCommand(actor(harness), 'ask', { question: 'Does Netflix use Kafka?' });
    await sent.response.catch(() => undefined);
    const deadline = Date.now() + 3000;
    while (!harness.logs.find('interaction failed').length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const failed = JSON.stringify(harness.logs.find('interaction failed'));
    expect(failed).toMatch(/Unknown interaction/);
    expect(failed).toContain(`/interactions/${sent.id}/[redacted]`);
    expect(JSON.stringify(harness.logs.lines)).not.toContain(sent.token);
  });

  it('with a store that cannot write, still answers an out-of-scope /ask and says so politely for a vote', async () => {
    harness = await startHarness();
    const { store } = harness;
    const answer = harness.emulator.sendCommand(actor(harness), 'ask', { question: 'Does Netflix use Apache Spark?' });
    await answer.response;
    // The answer is logged just after the reply; let that land before the store stops writing.
    const logged = () => store.db.prepare('SELECT COUNT(*) FROM ask_log').pluck().get() as number;
    const deadline = Date.now() + 2000;
    while (logged() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logged()).toBe(1);
    await harness.store.refuseWrites(true);
    try {
      const outOfScope = await harness.emulator.sendCommand(actor(harness), 'ask', { question: 'how much is a netflix plan' }).response;
      expect(String(outOfScope.data.content)).toMatch(/product or subscription|outside what I know/);
      expect(String(outOfScope.data.content)).not.toMatch(/Something went wrong/);
      const message = harness.emulator.originalMessage(answer.id)!;
      const vote = await harness.emulator.clickButton(actor(harness), message, 'sw1:u:netflix-uses-apache-spark').response;
      expect(vote.data.flags).toBe(64);
      expect(String(vote.data.content)).toMatch(/can't record your vote at the moment: the bot's storage is refusing changes/);
      await harness.store.records.settled();
    } finally {
      await harness.store.refuseWrites(false);
    }
    expect(harness.logs.find('could not record a question').length).toBe(1);
    expect(harness.logs.find('could not store a vote').length).toBe(1);
  });

  it('after a restart with a broken shipped file, loads its last good version from DATA_DIR, with a warning', async () => {
    const copy = await copyOfFixture();
    try {
      harness = await startHarness({ corpusDir: copy.dir });
      await copy.write('companies/netflix.yaml', 'name: Netflix\nfacts: [unclosed\n');
      await harness.restart();
      const response = await harness.emulator.sendCommand(actor(harness), 'ask', { question: 'Does Netflix use Apache Kafka?' }).response;
      expect((response.data.embeds as { title: string }[] | undefined)?.[0]?.title).toBe('Does Netflix use Apache Kafka?');
      const kept = harness.logs.find('corpus file has problems: loaded its last good version');
      expect(kept.some((line) => String(line.file).endsWith('netflix.yaml'))).toBe(true);
    } finally {
      await copy.cleanup();
    }
  });

  it('resumes after a gateway reconnect and keeps answering', async () => {
    harness = await startHarness();
    const { identify } = harness.emulator.gatewayCounts;
    const resumed = new Promise((resolve) => harness!.bot.client.once('shardResume', resolve));
    harness.emulator.requestReconnect();
    await resumed;
    expect(harness.emulator.gatewayCounts.resume).toBe(1);
    expect(harness.emulator.gatewayCounts.identify).toBe(identify);
    const response = await harness.emulator.sendCommand(actor(harness), 'ask', { question: 'Does Netflix use Kafka?' }).response;
    expect(response.type).toBe(4);
  });
});

describe('graceful shutdown', () => {
  it('npm start exits 0 soon after SIGTERM', async () => {
    const emulator = await DiscordEmulator.start();
    try {
      const main = startMain({
        ...loginEnv(emulator),
        CORPUS_DIR: FIXTURE_CORPUS,
        DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}/stackwise-shutdown-${process.pid}`,
        LOG_FORMAT: 'json',
      });
      const deadline = Date.now() + 20_000;
      while (!main.output().includes('bot ready') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(main.output()).toContain('bot ready');
      main.child.kill('SIGTERM');
      const code = await main.exited(10_000);
      const output = main.output();
      expect(code).toBe(0);
      expect(output).toContain('bot stopped');
      expect(output).not.toContain(emulator.token);
    } finally {
      await emulator.close();
    }
  });

  it('SIGTERM to the npm start process stops the bot with it (the sandbox, with no token)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-npm-start-'));
    const npm = startNpmStart({ DISCORD_TOKEN: '', DATA_DIR: dataDir, SANDBOX_PORT: '0', CORPUS_DIR: FIXTURE_CORPUS });
    try {
      const deadline = Date.now() + 30_000;
      while (!/sandbox at (http\S+)/.test(npm.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const url = /sandbox at (http\S+)/.exec(npm.output())?.[1];
      expect(url).toBeDefined();
      expect((await fetch(url!)).status).toBe(200);
      npm.child.kill('SIGTERM');
      await npm.exited(10_000);
      // The bot behind npm stopped too: nothing answers on its port any more.
      let stillUp = true;
      for (let attempt = 0; attempt < 50 && stillUp; attempt++) {
        stillUp = await fetch(url!).then(
          () => true,
          () => false,
        );
        if (stillUp) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stillUp).toBe(false);
    } finally {
      npm.killAll();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
