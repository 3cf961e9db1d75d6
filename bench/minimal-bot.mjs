// The stand-in for bench:start: the least a discord.js bot does to answer one command. Plain JavaScript,
// started through npm like `npm start`, against the same emulator.
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_BASE } });
client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  await interaction.reply({ content: `You asked: ${interaction.options.getString('question')}`, allowedMentions: { parse: [] } });
});
process.on('SIGTERM', () => client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
