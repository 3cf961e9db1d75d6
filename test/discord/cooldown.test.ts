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

describe('Cooldown with a large limit', () => {
  it('forgets uses as they leave the window, whatever their order', () => {
    const cooldown = new Cooldown(3, 1000);
    expect(cooldown.take('u1', 5000).allowed).toBe(true);
    expect(cooldown.take('u1', 4000).allowed).toBe(true); // the clock was set back
    expect(cooldown.take('u1', 5500).allowed).toBe(true);
    // 4000 has left the window, 5000 and 5500 have not.
    expect(cooldown.take('u1', 5600).allowed).toBe(true);
    expect(cooldown.take('u1', 5700)).toEqual({ allowed: false, retryAfterMs: 300 });
  });
});
