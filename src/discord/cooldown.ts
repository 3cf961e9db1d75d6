/** A sliding-window rate limit per key (a user): at most `limit` uses per `windowMs`. */
export class Cooldown {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a use and says whether it is allowed; when not, how long until it would be. */
  take(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = (this.uses.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.limit) {
      this.uses.set(key, recent);
      return { allowed: false, retryAfterMs: this.windowMs - (now - recent[0]!) };
    }
    recent.push(now);
    this.uses.set(key, recent);
    if (this.uses.size > 10_000) this.prune(now);
    return { allowed: true };
  }

  private prune(now: number): void {
    for (const [key, times] of this.uses) if (times.every((time) => now - time >= this.windowMs)) this.uses.delete(key);
  }
}
