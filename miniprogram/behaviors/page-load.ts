import { errorCode, errorText } from '../utils/errors';
import { instanceState } from '../utils/instance-state';
import { changes, isEmpty } from '../utils/set-data';

/** A page's state, as its page-state shows it; a page may add states of its own (see `failures`). */
export type LoadState = 'loading' | 'ready' | 'empty' | 'error';

/** The page lifecycles the behaviour can wire. */
export type LoadLifecycle = 'onLoad' | 'onShow' | 'onPullDownRefresh';

export interface PageLoadOptions<S extends string, E extends string, F extends string> {
  /** the data keys of the page's state and of its error line, when not `state` and `errorMessage` */
  state?: S;
  error?: E;
  /** failure codes shown as a state of their own rather than the error with retry: { ORDER_NOT_FOUND: 'not_found' } */
  failures?: Readonly<Record<string, F>>;
  /** a quiet reload keeps the empty state on screen as well as the content */
  quietWhenEmpty?: boolean;
  /** a failed quiet reload keeps what is shown without a toast (a page that polls, a part of a tab) */
  failQuietly?: boolean;
  /** the lifecycles the behaviour wires, all by default; a page leaves out one it defines itself */
  lifecycles?: readonly LoadLifecycle[];
}

/**
 * What the page defines. `fetch` asks the server; the data shown is `view(answer)`, or the answer
 * itself when the page has no `view`. Only the latest answer reaches `view`, `isEmpty` and
 * `shown`, so what the page keeps off data (raw answers, ids) belongs in `view`, not in `fetch`.
 */
export interface PageSource<Answer> {
  fetch(): Promise<Answer>;
  /** whether the answer is the empty state (never, when the page does not say) */
  isEmpty?(answer: Answer): boolean;
  view?(answer: Answer): Record<string, unknown>;
  /** once the answer is on screen (setData's callback): draw a canvas, load a part under it */
  shown?(answer: Answer): void;
}

interface Owner {
  data: object;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
}

const ALL_LIFECYCLES: readonly LoadLifecycle[] = ['onLoad', 'onShow', 'onPullDownRefresh'];

/** The request token: every load takes the next one, and only the holder of the latest is shown. */
const local = instanceState(() => ({ token: 0 }));

const stopPullDown = () => wx.stopPullDownRefresh();

/**
 * How a page loads the one answer it shows (订单详情, 积分商城, 海报, …): loading, then the answer
 * as ready or empty, or the failure as the error state with retry (a code in `failures` as its own
 * state). A newer load makes every older answer stale. A quiet load keeps what is shown while it
 * asks; when it fails over content on screen, the content stays and a toast says why.
 *
 * The behaviour wires the page lifecycles itself: onLoad → load(), onShow → reloadIfShown(),
 * onPullDownRefresh → load(true) then wx.stopPullDownRefresh(). Pages here are built with
 * Component(), and the page lifecycles of a Component-built page are its `methods`; a behaviour's
 * methods merge into the page's, in WeChat and in miniprogram-simulate alike (exparser both), so
 * the lifecycles live in `methods`, not in `lifetimes` (which has no onLoad options, no pull-down)
 * or `pageLifetimes` (which the page tests would have to trigger apart from the lifecycle calls
 * they make). Methods are not chained: a page's own onLoad replaces the behaviour's, and of two
 * behaviours the later wins. A page that reads its query first, or combines this with
 * pagedListBehavior, leaves that lifecycle out (`lifecycles`) and calls `load()` from its own.
 */
export function pageLoadBehavior<S extends string = 'state', E extends string = 'errorMessage', F extends string = never>(
  options: PageLoadOptions<S, E, F> = {},
) {
  const { state: stateKey = 'state', error: errorKey = 'errorMessage', failures = {}, failQuietly = false } = options;
  const keptWhenQuiet: string[] = options.quietWhenEmpty ? ['ready', 'empty'] : ['ready'];
  const wired = options.lifecycles ?? ALL_LIFECYCLES;
  const stateOf = (owner: Owner) => (owner.data as Record<string, unknown>)[stateKey] as LoadState | F;
  const source = (owner: object) => owner as Partial<PageSource<unknown>> & { fetch(): Promise<unknown> };

  /** setData with only what differs from what is shown; nothing at all when nothing does. */
  function show(owner: Owner, next: Record<string, unknown>, callback?: () => void): void {
    const patch = changes(owner.data as Record<string, unknown>, next);
    if (!isEmpty(patch)) owner.setData(patch, callback);
    else callback?.();
  }

  function present(owner: Owner, answer: unknown): void {
    const page = source(owner);
    const empty = page.isEmpty ? page.isEmpty(answer) : false;
    const data = page.view ? page.view(answer) : (answer as Record<string, unknown>);
    const shown = page.shown;
    show(owner, { ...data, [stateKey]: empty ? 'empty' : 'ready', [errorKey]: '' }, shown && (() => shown.call(owner, answer)));
  }

  function fail(owner: Owner, e: unknown): void {
    const own = failures[errorCode(e)];
    if (own) show(owner, { [stateKey]: own, [errorKey]: errorText(e) });
    else if (stateOf(owner) !== 'ready') show(owner, { [stateKey]: 'error', [errorKey]: errorText(e) });
    else if (!failQuietly) wx.showToast({ title: errorText(e), icon: 'none' });
  }

  const lifecycles = {
    onLoad(this: { load(quiet?: boolean): Promise<void> }) {
      void this.load();
    },
    onShow(this: { reloadIfShown(): void }) {
      this.reloadIfShown();
    },
    onPullDownRefresh(this: { load(quiet?: boolean): Promise<void> }) {
      this.load(true).then(stopPullDown, stopPullDown);
    },
  };
  const wiredLifecycles: Partial<typeof lifecycles> = {};
  for (const name of wired) Object.assign(wiredLifecycles, { [name]: lifecycles[name] });

  return Behavior({
    data: { [stateKey]: 'loading', [errorKey]: '' } as Record<S, LoadState | F> & Record<E, string>,
    methods: {
      /** The page's answer, afresh; `quiet` keeps what is shown (see `quietWhenEmpty`) while it loads. */
      async load(quiet = false): Promise<void> {
        const token = ++local(this).token;
        if (!quiet || !keptWhenQuiet.includes(stateOf(this))) show(this, { [stateKey]: 'loading', [errorKey]: '' });
        let answer: unknown;
        try {
          answer = await source(this).fetch();
        } catch (e) {
          if (token === local(this).token) fail(this, e);
          return;
        }
        if (token === local(this).token) present(this, answer);
      },

      /**
       * Shows the answer of a call other than fetch that answers the same (a cart write answers with
       * the whole cart), in the same order as loads: loads on the way become stale, and a load begun
       * meanwhile makes this answer stale. Nothing shows while it is asked; its failure is the
       * caller's to show (it rejects).
       */
      async loadFrom(read: () => Promise<unknown>): Promise<void> {
        const token = ++local(this).token;
        const answer = await read();
        if (token === local(this).token) present(this, answer);
      },

      /**
       * For onShow: back on screen with content shown (ready or empty), the page reloads quietly.
       * The first show comes while onLoad's load is on its way, and a failure shown has its own
       * retry: then a show loads nothing.
       */
      reloadIfShown(): void {
        const state = stateOf(this);
        if (state === 'ready' || state === 'empty') void this.load(true);
      },

      /** The page-state component's retry button. */
      onRetry(): void {
        void this.load();
      },

      ...(wiredLifecycles as {}),
    },
  });
}
