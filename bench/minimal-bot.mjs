// The stand-in for bench:start and bench:e2e: the least a discord.js bot does to answer one command.
// Plain JavaScript; run as a script (through npm, like `npm start`) it logs in with DISCORD_TOKEN.
import { pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';

/**
 * Logs in and answers every slash command with one line; resolves once the client is ready.
 * `globalRequestsPerSecond` lifts discord.js's 50/s for an emulator on loopback, as bench:e2e does for Stackwise.
 */
export async function startMinimalBot(token, apiBase, globalRequestsPerSecond = 50) {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiBase, globalRequestsPerSecond } });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    await interaction.reply({ content: `You asked: ${interaction.options.getString('question')}`, allowedMentions: { parse: [] } });
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(token);
  await ready;
  return client;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const client = await startMinimalBot(process.env.DISCORD_TOKEN, process.env.DISCORD_API_BASE);
  process.on('SIGTERM', () => client.destroy().then(() => process.exit(0)));
}
