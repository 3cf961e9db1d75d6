import { describe, expect, it } from 'vitest';
import { ownsGuild, shardOfGuild } from '../../src/store/shards.js';

describe('shardOfGuild', () => {
  it('is Discord routing formula, (guild_id >> 22) % shard_count', () => {
    // 4194304 = 1 << 22: the id's timestamp part counts the shards.
    expect(shardOfGuild(String(4194304n * 5n), 2)).toBe(1);
    expect(shardOfGuild(String(4194304n * 6n + 4194303n), 2)).toBe(0);
    expect(shardOfGuild('175928847299117063', 1)).toBe(0);
    expect(shardOfGuild('175928847299117063', 16)).toBe(Number((175928847299117063n >> 22n) % 16n));
  });

  it('tells a process which servers are its own', () => {
    const guild = String(4194304n * 7n);
    expect(ownsGuild({ ids: [1, 3], count: 4 }, guild)).toBe(true);
    expect(ownsGuild({ ids: [0, 2], count: 4 }, guild)).toBe(false);
  });
});
