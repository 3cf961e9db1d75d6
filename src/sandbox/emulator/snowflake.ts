/** Discord's epoch: the first millisecond of 2015, UTC. */
const DISCORD_EPOCH = 1_420_070_400_000n;

const INCREMENT_BITS = 12n;
const INCREMENT_MASK = (1n << INCREMENT_BITS) - 1n;
/** Worker and process ids (bits 12-21); constant here, as if one Discord worker made every id. */
const WORKER_BITS = 1n << INCREMENT_BITS;

let increment = 0n;
let lastTimestamp = 0n;

/**
 * A real snowflake: milliseconds since Discord's epoch in the top 42 bits, then worker bits and an
 * increment. Ids made later compare greater, as discord.js and tests sorting messages expect.
 */
export function snowflake(now: number = Date.now()): string {
  let timestamp = BigInt(now) - DISCORD_EPOCH;
  // Never go backwards, even if the clock does or 4096 ids are made in one millisecond.
  if (timestamp < lastTimestamp) timestamp = lastTimestamp;
  if (timestamp === lastTimestamp) {
    increment = (increment + 1n) & INCREMENT_MASK;
    if (increment === 0n) timestamp += 1n;
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  return ((timestamp << 22n) | WORKER_BITS | increment).toString();
}

/** When a snowflake was made, in Unix milliseconds. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function compareSnowflakes(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
