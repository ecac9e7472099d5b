import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { mount, page, unmountAll, type Rendered } from './render';
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

/**
 * Opens a page as `openid` the way WeChat does (onLoad with its query, then onShow) and waits until
 * its first calls have answered.
 */
export async function openPage(id: string, openid = 'demo-shopper', options: Record<string, string> = {}): Promise<Rendered> {
  mp.storage.set('devOpenid', JSON.stringify(openid));
  const comp = mount(id);
  const instance = page(comp);
  instance.onLoad(options);
  if (typeof instance.onShow === 'function') instance.onShow();
  await mp.settle();
  return comp;
}
