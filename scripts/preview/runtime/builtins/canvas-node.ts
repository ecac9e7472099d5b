/**
 * The node a selector query returns for a `<canvas type="2d">`: the HTML canvas inside the
 * built-in's element, with the mini program canvas's extras (createImage, requestAnimationFrame,
 * createPath2D). One per canvas element, created on first use.
 */
import { sameOrigin } from '../origin';
import { host, stateOf, type BuiltinThis } from './base';

export interface CanvasNode extends HTMLCanvasElement {
  createImage(): HTMLImageElement;
  requestAnimationFrame(cb: FrameRequestCallback): number;
  cancelAnimationFrame(id: number): void;
  createPath2D(path?: Path2D | string): Path2D;
}

const canvasState = stateOf(() => ({ canvas: null as CanvasNode | null }));

/** An image whose src, when it names the mini program's local origin, loads from the preview's. */
function createImage(): HTMLImageElement {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  const desc = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
  Object.defineProperty(img, 'src', {
    get: () => desc.get!.call(img) as string,
    set: (v: string) => desc.set!.call(img, sameOrigin(String(v))),
  });
  return img;
}

/** The canvas node of the canvas built-in `self`, appended to its element the first time. */
export function canvasNode(self: BuiltinThis): CanvasNode {
  const s = canvasState(self);
  if (!s.canvas) {
    const canvas = document.createElement('canvas') as CanvasNode;
    canvas.createImage = createImage;
    canvas.requestAnimationFrame = (cb) => window.requestAnimationFrame(cb);
    canvas.cancelAnimationFrame = (id) => window.cancelAnimationFrame(id);
    canvas.createPath2D = (path) => new Path2D(path);
    host(self).appendChild(canvas);
    s.canvas = canvas;
  }
  return s.canvas;
}
