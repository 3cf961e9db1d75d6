import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';

describe('Cooldown', () => {
  it('allows 5 per 10 s per user, then says how long to wait', () => {
    const cooldown = new Cooldown(5, 10_000);
    for (let use = 0; use < 5; use++) expect(cooldown.take('u1', 1000 + use).allowed).toBe(true);
    const refused = cooldown.take('u1', 2000);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 9000 });
    expect(cooldown.take('u2', 2000).allowed).toBe(true);
    expect(cooldown.take('u1', 11_001).allowed).toBe(true);
  });
});
