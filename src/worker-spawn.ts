import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module next to the caller: `worker-thread` beside `corpus-worker.ts`
 * runs `worker-thread.ts` from the TypeScript sources (tsx, vitest) and `worker-thread.js` from `dist/`.
 * From sources, the thread registers tsx before loading its module.
 */
export function spawnWorker(callerUrl: string, moduleName: string, options: WorkerOptions = {}): Worker {
  const fromSources = callerUrl.endsWith('.ts');
  const url = new URL(`./${moduleName}${fromSources ? '.ts' : '.js'}`, callerUrl);
  if (!fromSources) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
