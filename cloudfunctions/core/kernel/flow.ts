/**
 * Steps of a use case that spans modules, each with its compensation (the shape of Medusa v2's
 * workflows): a step that succeeded registers how to undo it; when a later step throws, the
 * registered compensations run in reverse order and the original error is rethrown. A step without
 * a compensation is either read-only or the flow's commit point.
 */
export class Steps {
  private readonly undo: Array<{ name: string; run: () => Promise<void> }> = [];

  async step<T>(name: string, run: () => Promise<T>, compensate?: (done: T) => Promise<void>): Promise<T> {
    const done = await run();
    if (compensate) this.undo.push({ name, run: () => compensate(done) });
    return done;
  }

  /** Runs every registered compensation, newest first; one that fails does not stop the others. */
  async unwind(): Promise<string[]> {
    const failed: string[] = [];
    for (const u of this.undo.splice(0).reverse()) {
      try {
        await u.run();
      } catch {
        failed.push(u.name);
      }
    }
    return failed;
  }
}

export async function runFlow<T>(body: (steps: Steps) => Promise<T>): Promise<T> {
  const steps = new Steps();
  try {
    return await body(steps);
  } catch (e) {
    await steps.unwind();
    throw e;
  }
}
