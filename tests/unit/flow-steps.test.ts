import { runFlow } from '../../cloudfunctions/core/kernel/flow';

describe('flow steps and their compensations', () => {
  it('returns what the body returns and compensates nothing when every step succeeds', async () => {
    const undone: string[] = [];
    const out = await runFlow(async (s) => {
      const a = await s.step('a', async () => 1, async () => void undone.push('a'));
      const b = await s.step('b', async () => 2, async () => void undone.push('b'));
      return a + b;
    });
    expect(out).toBe(3);
    expect(undone).toEqual([]);
  });

  it('undoes the done steps newest first when a later step throws, and rethrows the error', async () => {
    const undone: string[] = [];
    const failure = new Error('lock refused');
    await expect(
      runFlow(async (s) => {
        await s.step('take stock', async () => 'lines', async (done) => void undone.push(`stock back: ${done}`));
        await s.step('read', async () => 'nothing to undo');
        await s.step('lock coupons', async () => 'c1', async (done) => void undone.push(`unlock ${done}`));
        await s.step('insert order', async () => {
          throw failure;
        }, async () => void undone.push('never: the step did not happen'));
      }),
    ).rejects.toBe(failure);
    expect(undone).toEqual(['unlock c1', 'stock back: lines']);
  });

  it('a compensation that fails does not stop the others', async () => {
    const undone: string[] = [];
    await expect(
      runFlow(async (s) => {
        await s.step('first', async () => undefined, async () => void undone.push('first'));
        await s.step('second', async () => undefined, async () => {
          throw new Error('compensation down');
        });
        throw new Error('third failed');
      }),
    ).rejects.toThrow('third failed');
    expect(undone).toEqual(['first']);
  });
});
