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

/**
 * A new guild id that Discord routes to `shard` of `count` ((id >> 22) % count): for seeds of guilds
 * spread over shards. It is a snowflake made a few milliseconds ahead.
 */
export function guildIdOnShard(shard: number, count: number): string {
  const id = BigInt(snowflake());
  const off = (BigInt(shard) - ((id >> 22n) % BigInt(count)) + BigInt(count)) % BigInt(count);
  const moved = id + (off << 22n);
  if (moved > last) last = moved;
  return String(moved);
}

/** When a snowflake was made, in Unix milliseconds. */
export function snowflakeTime(id: string): number {
  return DiscordSnowflake.timestampFrom(id);
}

export function compareSnowflakes(a: string, b: string): number {
  return Snowflake.compare(a, b);
}
