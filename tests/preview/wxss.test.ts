import path from 'node:path';
import { compileWxss, componentCss, mapSelectors, renderSheet, rpxToPx, scopeToPage, splitSelectors } from '../../scripts/preview/wxss';

const FIXTURE = path.join(__dirname, '../e2e/fixtures/builtins');

describe('rpx', () => {
  it('follows WeChat: scaled to the device width, floored, never 0 for a non-zero length', () => {
    expect([750, 375, 30, 25, 2, 1, 0, -20].map((n) => rpxToPx(n, 375))).toEqual([375, 187, 15, 12, 1, 0.5, 0, -10]);
    expect(rpxToPx(750, 414)).toBe(414);
  });
});

describe('selectors', () => {
  it('splits a list on top-level commas only', () => {
    expect(splitSelectors('.a:not(.b, .c), [d="e,f"] .g ,h')).toEqual(['.a:not(.b, .c)', '[d="e,f"] .g', 'h']);
  });

  it('rewrites style rules, inside @media too, and leaves keyframes, font faces and declarations alone', () => {
    const css = '.a{content:"}{"}@media (max-width:321px){.b,.c{x:1}}@keyframes k{from{y:0}to{y:1}}@font-face{font-family:f}@import "x";';
    expect(mapSelectors(css, (s) => `#${s}`)).toBe('#.a{content:"}{"}@media (max-width:321px){#.b,#.c{x:1}}@keyframes k{from{y:0}to{y:1}}@font-face{font-family:f}@import "x";');
  });

  it('scopes page rules to the page root without adding specificity; `page` (body) is the root itself', () => {
    const scope = '.wx-page[data-route="pages/a/index"]';
    expect(scopeToPage('body{--c:red}.a .b{x:1}body .c{y:2}', scope)).toBe(`${scope}{--c:red}:where(${scope}) .a .b{x:1}${scope} .c{y:2}`);
  });

  it('reads `page` in a component as the page it is in', () => {
    expect(componentCss('body{x:1}.p--a{y:2}')).toBe('.wx-page{x:1}.p--a{y:2}');
  });
});

describe('wcsc output', () => {
  const compiled = compileWxss(FIXTURE);

  it('fills the class prefix and the rpx lengths of each sheet', () => {
    expect(renderSheet(compiled, 'components/counter/index.wxss', 'mp-counter', 375)).toContain('.mp-counter--counter { color: rgb(0, 0, 255); }');
    expect(renderSheet(compiled, 'pages/index/index.wxss', '', 375)).toContain('.rpx { width: 375px;');
    expect(renderSheet(compiled, 'pages/index/index.wxss', '', 375)).toContain('.inner { padding: 5px; }');
  });

  it('keeps the app sheet, with `page` as body', () => {
    expect(renderSheet(compiled, 'app.wxss', '', 375)).toMatch(/^body \{ --fixture-color/);
  });

  it('collects :host rules by component path', () => {
    expect(compiled.hosts.map((h) => renderSheet(compiled, h, '', 375))).toEqual(['[is="components/counter/index"]{display: block;}\n']);
  });
});
