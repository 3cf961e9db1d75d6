import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CurationService } from '../../src/curation/service.js';
import type { AnswerEngine } from '../../src/search/engine.js';
import { Store } from '../../src/store/index.js';
import { fixtureEngine } from './fixture.js';

export interface CurationFixture {
  store: Store;
  engine: AnswerEngine;
  curation: CurationService;
  cleanup(): Promise<void>;
}

/** A fresh store in a temporary folder, the fixture engine, and a CurationService on both. */
export async function curationFixture(): Promise<CurationFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'stackwise-curation-'));
  const store = Store.open(dir);
  const engine = await fixtureEngine();
  return {
    store,
    engine,
    curation: new CurationService(store, () => engine),
    async cleanup() {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
