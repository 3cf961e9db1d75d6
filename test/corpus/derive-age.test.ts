import { describe, expect, it } from 'vitest';
import { fixtureEngine } from '../helpers/fixture.js';

const SPARK_TALK = 'https://databricks.com/session/netflix-productionizing-spark-on-yarn-for-etl-at-petabyte-scale';

describe('derived answers show the age and source of each fact', () => {
  it('marks a fact 3 or more years old as possibly out of date, and a recent one not', async () => {
    const engine = await fixtureEngine({ currentYear: 2026 });
    expect(engine.entry('d:uses:discord:rust')?.answer).toMatch(/_as of 2023, possibly out of date_$/);
    const fresh = await fixtureEngine({ currentYear: 2025 });
    expect(fresh.entry('d:uses:discord:rust')?.answer).toMatch(/_as of 2023_$/);
  });

  it('links the recorded source of a fact by its publisher', async () => {
    const engine = await fixtureEngine({ currentYear: 2026 });
    const data = engine.entry('d:category:netflix:data')?.answer ?? '';
    expect(data).toContain(
      `- **Apache Spark**: Batch ETL and machine-learning pipelines. _(as of 2017, possibly out of date · [Databricks](${SPARK_TALK}))_`,
    );
    expect(data).toMatch(/- \*\*Apache Kafka\*\*: .* _\(as of 2024\)_/);
  });

  it('gives each line of a list answer its own year, with no single as-of year for the whole list', async () => {
    const engine = await fixtureEngine({ currentYear: 2026 });
    const users = engine.entry('d:users:cassandra');
    expect(users?.answer).toMatch(/- \*\*Netflix\*\*: .*_\(as of 2023, possibly out of date\)_/);
    expect(users?.answer).toMatch(
      /\*\*Formerly used it:\*\*\n- \*\*Discord\*\*: Message storage before the move to ScyllaDB\. _\(as of 2022, possibly out of date\)_/,
    );
    expect(users?.asOf).toBeUndefined();
  });

  it('shows each name of a stack overview with its year, marking dated ones', async () => {
    const engine = await fixtureEngine({ currentYear: 2026 });
    const stack = engine.entry('d:stack:netflix')?.answer ?? '';
    expect(stack).toContain('Apache Spark (2017†)');
    expect(stack).toContain('Apache Kafka (2024)');
    expect(stack).toContain('_† 3 or more years old: possibly out of date._');
    expect(engine.entry('d:stack:netflix')?.asOf).toBeUndefined();
  });
});
