/**
 * rpx in inline styles ("width: {{w}}rpx"), which only exist once a template renders: converted by
 * WeChat's rule for the frame width — floor(rpx × width / 750), and never 0 for a non-zero length.
 * WXSS files are converted at build time by the same rule.
 */

const BASE_WIDTH = 750;

/** `style` with every rpx length as px for a frame `frameWidth` px wide. */
export function rpxToPx(style: string, frameWidth: number): string {
  return style.replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => {
    const v = Number(n);
    if (v === 0) return '0px';
    const px = Math.floor((v / BASE_WIDTH) * frameWidth + 1e-4);
    return `${px === 0 ? 0.5 : px}px`;
  });
}

/** A node of the tree a wcc-compiled template returns; text nodes are strings or numbers. */
interface TemplateNode {
  attr?: Record<string, unknown>;
  children?: Array<TemplateNode | string | number>;
}

function convertTree(node: TemplateNode | string | number, frameWidth: number): void {
  if (typeof node !== 'object' || node === null) return;
  const style = node.attr?.style;
  if (typeof style === 'string' && style.includes('rpx')) node.attr!.style = rpxToPx(style, frameWidth);
  for (const child of node.children ?? []) convertTree(child, frameWidth);
}

/** A wcc template function whose rendered trees carry px instead of rpx in their style attributes. */
export function withInlineRpx<F extends (...args: never[]) => unknown>(generate: F, frameWidth: number): F {
  return ((...args: Parameters<F>) => {
    const tree = generate(...args);
    convertTree(tree as TemplateNode, frameWidth);
    return tree;
  }) as F;
}
