/**
 * A recording canvas for page tests: `<canvas type="2d">` nodes found through
 * wx.createSelectorQuery get a context that records every draw call, images that load (or fail)
 * on the next tick, and the canvas/album APIs (canvasToTempFilePath, saveImageToPhotosAlbum,
 * openSetting) answer from mp.answer queues like the other dialogs.
 */
import { mp, privacyGate, wxMock } from './wx';

export interface DrawCall {
  op: string;
  args: unknown[];
}

export class FakeImage {
  width = 200;
  height = 200;
  onload: (() => void) | null = null;
  onerror: ((err: unknown) => void) | null = null;
  private current = '';
  constructor(private readonly fails: (src: string) => boolean) {}
  get src(): string {
    return this.current;
  }
  set src(value: string) {
    this.current = value;
    setTimeout(() => (this.fails(value) ? this.onerror?.(new Error(`cannot load ${value}`)) : this.onload?.()), 0);
  }
}

const METHODS = ['clearRect', 'fillRect', 'strokeRect', 'beginPath', 'closePath', 'moveTo', 'lineTo', 'arc', 'stroke', 'fill', 'fillText', 'drawImage', 'scale', 'save', 'restore'];

export class FakeContext {
  calls: DrawCall[] = [];
  fillStyle: unknown = '#000000';
  strokeStyle: unknown = '#000000';
  lineWidth = 1;
  font = '10px sans-serif';
  textAlign = 'start';
  textBaseline = 'alphabetic';
  constructor() {
    for (const op of METHODS) (this as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => this.calls.push({ op, args });
  }
  /** 10 px per character, so layouts are predictable */
  measureText(text: string): { width: number } {
    return { width: Array.from(text).length * 10 };
  }
  of(op: string): unknown[][] {
    return this.calls.filter((c) => c.op === op).map((c) => c.args);
  }
}

export class FakeCanvas {
  width = 0;
  height = 0;
  readonly ctx = new FakeContext();
  readonly images: FakeImage[] = [];
  constructor(private readonly fails: (src: string) => boolean) {}
  getContext(): FakeContext {
    return this.ctx;
  }
  createImage(): FakeImage {
    const image = new FakeImage(this.fails);
    this.images.push(image);
    return image;
  }
}

type Callbacks = { success?: (res: Record<string, unknown>) => void; fail?: (err: { errMsg: string }) => void; complete?: () => void };

function answering(api: string, ok: Record<string, unknown>) {
  return (opts: Callbacks & Record<string, unknown> = {}) => {
    const { success, fail, complete, ...args } = opts;
    mp.record(api, args);
    privacyGate(api, (denied) => {
      const answer = denied ? { fail: denied } : mp.answers.get(api)?.shift();
      setTimeout(() => {
        if (answer && 'fail' in answer && typeof answer.fail === 'string') fail?.({ errMsg: answer.fail });
        else success?.({ errMsg: `${api}:ok`, ...ok, ...(answer ?? {}) });
        complete?.();
      }, 0);
    });
  };
}

/**
 * Installs the canvas APIs on the test `wx`. Every selector gets its own canvas of `size` CSS
 * pixels; images whose src `failImages` matches fail to load. Returns the canvases by selector.
 */
export function installCanvas(options: { size?: { width: number; height: number }; pixelRatio?: number; failImages?: (src: string) => boolean } = {}) {
  const size = options.size ?? { width: 300, height: 480 };
  const fails = options.failImages ?? (() => false);
  const canvases = new Map<string, FakeCanvas>();
  // miniprogram-simulate copies the test `wx` into its own object when it loads a component,
  // so the APIs go on whichever object is the global `wx` now (and on the mock, for later loads).
  const current = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const w: Record<string, unknown> = {};
  w.createSelectorQuery = () => {
    let selector = '';
    const query = {
      in: () => query,
      select: (s: string) => {
        selector = s;
        return query;
      },
      fields: () => query,
      exec: (cb: (res: unknown[]) => void) => {
        let canvas = canvases.get(selector);
        if (!canvas) canvases.set(selector, (canvas = new FakeCanvas(fails)));
        setTimeout(() => cb([{ node: canvas, width: size.width, height: size.height }]), 0);
      },
    };
    return query;
  };
  w.getWindowInfo = () => ({ pixelRatio: options.pixelRatio ?? 2, windowWidth: 375, windowHeight: 667 });
  w.canvasToTempFilePath = answering('canvasToTempFilePath', { tempFilePath: 'wxfile://tmp/poster.png' });
  w.saveImageToPhotosAlbum = answering('saveImageToPhotosAlbum', {});
  w.openSetting = answering('openSetting', { authSetting: {} });
  Object.assign(current, w);
  Object.assign(wxMock as unknown as Record<string, unknown>, w);
  return canvases;
}

/** Lets timers and promise callbacks run until `done()` holds (or fails after many turns). */
export async function until(done: () => boolean, turns = 100): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('condition not reached');
}
