import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { unmountAll } from './render';
import { mp, useRuntime } from './wx';

/**
 * Each test gets a fresh seeded runtime as the pages' backend, with Date.now following its clock;
 * after it, the pages are unmounted and the runtime closed. `assign` hands the runtime to the test's
 * own variable; `prepare` runs before the pages see it (e.g. moving the clock).
 */
export function freshRuntimeEach(assign: (rt: TestRuntime) => void, prepare?: (rt: TestRuntime) => void): void {
  let current: TestRuntime | null = null;
  beforeEach(async () => {
    mp.reset();
    current = await testRuntime();
    prepare?.(current);
    const rt = current;
    jest.spyOn(Date, 'now').mockImplementation(() => rt.clock.now());
    useRuntime(rt);
    assign(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.restoreAllMocks();
    await current?.close();
    current = null;
  });
}
