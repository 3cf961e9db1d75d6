import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle } from '../../src/corpus/bundle.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { formatProblem } from '../../src/corpus/problems.js';
import { copyOfFixture } from '../helpers/fixture.js';

let corpus: Awaited<ReturnType<typeof copyOfFixture>>;
beforeEach(async () => {
  corpus = await copyOfFixture();
});
afterEach(async () => {
  await corpus.cleanup();
});

describe('questions/*.yaml bundles (what /faq export writes)', () => {
  it('ship every entry of an exported file', async () => {
    const text = writeBundle(
      [
        {
          id: 's-discord-scylla-abc',
          content: {
            question: 'Why did Discord move to ScyllaDB?',
            answer: 'GC pauses.',
            phrasings: ['Why did Discord leave Cassandra?'],
            tags: ['Discord', 'ScyllaDB'],
            sources: [],
          },
          updated: '2026-11-25',
        },
        {
          id: 's-discord-team-def',
          content: {
            question: 'How big is the Discord engineering team?',
            answer: 'Small.',
            phrasings: [],
            tags: ['Discord'],
            sources: [],
            askedBy: 'Ana',
          },
          updated: '2026-11-24',
        },
      ],
      'exported from a server',
    );
    await corpus.write('questions/servers/discord-fans.yaml', text);
    const { corpus: loaded, problems } = await loadCorpus(corpus.dir);
    expect(problems).toEqual([]);
    const scylla = loaded.entries.find((entry) => entry.id === 's-discord-scylla-abc')!;
    expect(scylla).toMatchObject({
      origin: 'curated',
      companies: ['discord'],
      technologies: ['scylladb'],
      updated: '2026-11-25',
      phrasings: ['Why did Discord leave Cassandra?'],
    });
    expect(loaded.entries.find((entry) => entry.id === 's-discord-team-def')?.askedBy).toBe('Ana');
  });

  it('skip a bundle with problems, each located, and flag an id used twice across files', async () => {
    await corpus.write(
      'questions/bad.yaml',
      'entries:\n  - id: netflix-database\n    question: Which database does Netflix use?\n    answer: Copy.\n  - question: No id here\n    answer: x\n',
    );
    const { problems } = await loadCorpus(corpus.dir);
    const lines = problems.map(formatProblem);
    expect(lines.some((line) => /bad\.yaml:5: missing id/.test(line))).toBe(true);
    await corpus.write(
      'questions/bad.yaml',
      'entries:\n  - id: netflix-database\n    question: Which database does Netflix use today?\n    answer: Copy.\n',
    );
    const again = (await loadCorpus(corpus.dir)).problems.map(formatProblem);
    expect(again.some((line) => /netflix-database\.md:2: duplicate id "netflix-database" \(first used in .*bad\.yaml\)/.test(line))).toBe(
      true,
    );
  });
});
