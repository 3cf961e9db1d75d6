// The stand-in for bench:start and bench:e2e: the least a discord.js bot does to answer one command.
// Plain JavaScript, run through npm like `npm start`; it logs in with DISCORD_TOKEN to DISCORD_API_BASE.
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_BASE } });
client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  await interaction.reply({ content: `You asked: ${interaction.options.getString('question')}`, allowedMentions: { parse: [] } });
});
await client.login(process.env.DISCORD_TOKEN);
process.on('SIGTERM', () => client.destroy().then(() => process.exit(0)));
