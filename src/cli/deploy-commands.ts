/**
 * npm run deploy-commands: registers the commands (to DEV_GUILD_ID when set, else globally). Only a global deploy
 * makes /ask and /stack installable to user accounts and usable in DMs.
 */
import 'dotenv/config';
import { COMMANDS } from '../../commands/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { deployCommands } from '../discord/deploy.js';

try {
  const config = loadConfig();
  if (!config.discordToken || !config.applicationId) throw new ConfigError('DISCORD_TOKEN', 'is required to deploy commands');
  const result = await deployCommands(
    {
      token: config.discordToken,
      applicationId: config.applicationId,
      ...(config.apiBase ? { apiBase: config.apiBase } : {}),
      ...(config.devGuildId ? { guildId: config.devGuildId } : {}),
    },
    COMMANDS,
  );
  console.log(`Registered ${result.count} commands (${result.scope}).`);
  if (config.devGuildId) console.log('A guild deploy is server-only: for user installs and DMs, deploy without DEV_GUILD_ID.');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `deploy-commands: ${(error as Error).message}`);
  process.exitCode = 1;
}
