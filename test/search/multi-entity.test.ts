import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/search/engine.js';
import { fixtureEngine } from '../helpers/fixture.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await fixtureEngine({ currentYear: 2026 });
});

describe('answers about several entities', () => {
  it('are rebuilt from their id alone, as after a restart', () => {
    const asked = engine.ask('netflix vs discord databases');
    expect(asked.entry?.id).toBe('q:compare:netflix+discord:database');
    expect(engine.entry('q:compare:netflix+discord:database')).toEqual(asked.entry);
  });

  it('refuse forged or unknown ids', () => {
    for (const id of [
      'q:compare:netflix+nope',
      'q:several:netflix:zig+rust',
      'q:nope:netflix',
      'q:compare:netflix+discord:galaxy',
      'q:several:netflix',
    ]) {
      expect(engine.entry(id), id).toBeUndefined();
    }
  });

  it('do not replace an entry written for exactly that question', () => {
    expect(engine.ask('Does Netflix use Apache Spark?').entry?.id).toBe('netflix-uses-apache-spark');
  });

  it('keep names in the order typed, so a move reads from the old to the new', () => {
    expect(engine.ask('did discord move from cassandra to scylladb').entry?.id).toBe('q:moved:discord:cassandra+scylladb');
  });
});
