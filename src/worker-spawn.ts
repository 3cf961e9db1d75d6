import { Worker } from 'node:worker_threads';

/**
 * The URL of a worker thread's module next to `base` (an `import.meta.url`): `.ts` when running from the
 * sources (tsx, vitest), `.js` when built into dist/.
 */
export function workerUrl(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** Starts a worker thread; run from TypeScript sources, it registers tsx before loading its module. */
export function spawnWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}
