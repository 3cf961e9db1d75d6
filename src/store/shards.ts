/**
 * Which shard a server belongs to. Discord routes a guild's events to shard `(guild_id >> 22) % shard_count`
 * (and DMs to shard 0); a shard process loads and answers only its own servers, so this one formula is used
 * wherever the bot, the store or the emulator decide who owns a server.
 */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The shards one process runs, out of how many there are. */
export interface ShardScope {
  ids: readonly number[];
  count: number;
}

/** Whether a server's data belongs in a process that runs these shards. */
export function ownsGuild(scope: ShardScope, guildId: string): boolean {
  return scope.ids.includes(shardOfGuild(guildId, scope.count));
}
