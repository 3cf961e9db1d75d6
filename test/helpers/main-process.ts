import { type ChildProcess, spawn } from 'node:child_process';
import type { DiscordEmulator } from '../../src/sandbox/emulator/index.js';

export interface MainProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  stderr(): string;
  /** The exit code; the process is killed with SIGKILL if it has not exited `timeoutMs` after this is called. */
  exited(timeoutMs?: number): Promise<number | null>;
}

/** The variables that make a bot process log in to `emulator` rather than to Discord. */
export function loginEnv(emulator: DiscordEmulator): Record<string, string> {
  return { DISCORD_TOKEN: emulator.token, DISCORD_APPLICATION_ID: emulator.applicationId, DISCORD_API_BASE: emulator.apiBase };
}

/** `npm start`'s entry point (src/main.ts) in a child process, with these variables added to the environment. */
export function startMain(env: Record<string, string>): MainProcess {
  return watched(
    spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * `npm start` itself (the built bot), in a process group of its own so that `killAll` stops npm and
 * everything it started, whatever happened.
 */
export function startNpmStart(env: Record<string, string>): MainProcess & { killAll(): void } {
  const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return {
    ...watched(child),
    killAll() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

function watched(child: ChildProcess): MainProcess {
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => {
    output += chunk;
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    stderr: () => stderr,
    async exited(timeoutMs = 30_000) {
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exit;
      clearTimeout(killer);
      return code;
    },
  };
}
