import { DiscordSnowflake, Snowflake } from '@sapphire/snowflake';

let last = 0n;

/**
 * A new Discord snowflake. Ids made later compare greater, as discord.js and tests sorting messages
 * expect; Sapphire's increment wraps after 4,096 ids in one millisecond, so an id is never let go backwards.
 */
export function snowflake(): string {
  let id = DiscordSnowflake.generate();
  if (id <= last) id = last + 1n;
  last = id;
  return String(id);
}

/** When a snowflake was made, in Unix milliseconds. */
export function snowflakeTime(id: string): number {
  return DiscordSnowflake.timestampFrom(id);
}

export function compareSnowflakes(a: string, b: string): number {
  return Snowflake.compare(a, b);
}
