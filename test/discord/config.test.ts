import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-token-value';

describe('loadConfig', () => {
  it('reads defaults with no token (the sandbox case)', () => {
    const config = loadConfig({});
    expect(config.discordToken).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.askCooldown).toEqual({ limit: 5, windowMs: 10_000 });
    expect(config.messageContentIntent).toBe(false);
  });

  it('asks for the Message Content intent only when DISCORD_MESSAGE_CONTENT says so', () => {
    expect(loadConfig({ DISCORD_MESSAGE_CONTENT: 'true' }).messageContentIntent).toBe(true);
    expect(loadConfig({ DISCORD_MESSAGE_CONTENT: '0' }).messageContentIntent).toBe(false);
  });

  it.each([
    [{ DISCORD_TOKEN: TOKEN }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_TOKEN: 'short' }, 'DISCORD_TOKEN'],
    [{ DISCORD_APPLICATION_ID: 'abc' }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_API_BASE: 'not a url' }, 'DISCORD_API_BASE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ASK_COOLDOWN_LIMIT: '0' }, 'ASK_COOLDOWN_LIMIT'],
    [{ BOT_OWNER_IDS: '1,2' }, 'BOT_OWNER_IDS'],
    [{ DISCORD_MESSAGE_CONTENT: 'yes please' }, 'DISCORD_MESSAGE_CONTENT'],
    [{ SHARD_COUNT: '0' }, 'SHARD_COUNT'],
    [{ SHARD_COUNT: 'many' }, 'SHARD_COUNT'],
    [{ SHARD_IDS: '0,1' }, 'SHARD_IDS'],
    [{ SHARD_COUNT: 'auto', SHARD_IDS: '0' }, 'SHARD_IDS'],
    [{ SHARD_COUNT: '4', SHARD_IDS: '0,4' }, 'SHARD_IDS'],
    [{ SHARD_COUNT: '4', SHARD_IDS: '3-1' }, 'SHARD_IDS'],
    [{ SHARD_COUNT: '4', SHARD_IDS: 'one' }, 'SHARD_IDS'],
  ])('names the bad variable in one line, never the token: %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).not.toContain(TOKEN);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('runs in one process unless SHARD_COUNT is set', () => {
    expect(loadConfig({}).sharding).toBeUndefined();
    expect(loadConfig({ SHARD_COUNT: 'auto' }).sharding).toEqual({ count: 'auto' });
    expect(loadConfig({ SHARD_COUNT: '2' }).sharding).toEqual({ count: 2 });
  });

  it('reads SHARD_IDS as a list, a range or both', () => {
    expect(loadConfig({ SHARD_COUNT: '8', SHARD_IDS: '0,2' }).sharding).toEqual({ count: 8, ids: [0, 2] });
    expect(loadConfig({ SHARD_COUNT: '8', SHARD_IDS: '0-3' }).sharding).toEqual({ count: 8, ids: [0, 1, 2, 3] });
    expect(loadConfig({ SHARD_COUNT: '8', SHARD_IDS: '6, 0-1' }).sharding?.ids).toEqual([0, 1, 6]);
  });

  it('knows the shard it runs inside a process the shard manager started', () => {
    const env = { SHARD_COUNT: '4', SHARDING_MANAGER: 'true', SHARDS: '3' };
    expect(loadConfig(env).shard).toEqual({ ids: [3], count: 4 });
    expect(loadConfig({ SHARD_COUNT: '4' }).shard).toBeUndefined();
    expect(() => loadConfig({ ...env, SHARDS: '4' })).toThrow(ConfigError);
  });
});
