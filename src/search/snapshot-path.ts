import path from 'node:path';

/** Where a data folder keeps the index snapshot (see snapshot-file.ts). */
export function snapshotFileIn(dataDir: string): string {
  return path.join(dataDir, 'engine-snapshot.bin');
}
