import { CASES, documented, label, measure } from '../../scripts/bench/roundtrips';

/**
 * docs/PERFORMANCE.md's round-trip table is what the actions do: every action the bench runs has a
 * row, each answers, and each makes exactly the Db calls the table says it was measured at (a change
 * that adds or saves a round trip updates the table with it).
 */
describe('Db calls per action, as docs/PERFORMANCE.md writes them down', () => {
  const doc = documented();
  let measured: Awaited<ReturnType<typeof measure>>;

  beforeAll(async () => {
    measured = await measure();
  }, 120_000);

  it('has a row for every action the bench runs, with a minimum no greater than what was measured', () => {
    for (const c of CASES) {
      const row = doc.get(label(c));
      expect({ action: label(c), row: row ?? null }).toEqual({ action: label(c), row: expect.objectContaining({ minimum: expect.any(Number) }) });
      expect(row!.minimum).toBeLessThanOrEqual(row!.measured);
    }
  });

  it('runs every action to a successful answer', () => {
    expect(measured.rows.filter((r) => !r.ok).map((r) => `${r.name}: ${r.code}`)).toEqual([]);
    expect(measured.firstCall.ok).toBe(true);
  });

  it('makes exactly the documented number of calls for each action', () => {
    const differ = measured.rows
      .filter((r) => doc.get(r.name)?.measured !== r.calls)
      .map((r) => `${r.name}: measured ${r.calls}, documented ${doc.get(r.name)?.measured}  [${r.breakdown}]`);
    expect(differ).toEqual([]);
  });
});
