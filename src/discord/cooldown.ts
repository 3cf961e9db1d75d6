/** A sliding-window rate limit per key (a user): at most `limit` uses per `windowMs`. */
export class Cooldown {
  /** Each key's uses in the window, oldest first. */
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a use and says whether it is allowed; when not, how long until it would be. */
  take(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = this.uses.get(key) ?? [];
    if (recent.length === 0) this.uses.set(key, recent);
    else this.dropExpired(recent, now);
    if (recent.length >= this.limit) return { allowed: false, retryAfterMs: this.windowMs - (now - recent[0]!) };
    recent.push(now);
    if (this.uses.size > 10_000) this.prune(now);
    return { allowed: true };
  }

  /** Filters in place: with a large limit, a copy of the list at every use would cost more than the check. */
  private dropExpired(times: number[], now: number): void {
    let kept = 0;
    for (const time of times) if (now - time < this.windowMs) times[kept++] = time;
    times.length = kept;
  }

  private prune(now: number): void {
    for (const [key, times] of this.uses) if (times.every((time) => now - time >= this.windowMs)) this.uses.delete(key);
  }
}
