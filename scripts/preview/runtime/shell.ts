/**
 * The page around the phone: who you are (when the app configures development identities), a form
 * that opens any page with options, the page list from app.json and the app's example links. The
 * phone itself: status bar, navigation bar with the capsule, the page stack, the tab bar, and the
 * overlay layer.
 */
import { currentIdentity, identityConfig, isValidIdentity, storeIdentity } from './identity';
import type { IdentityConfig, Manifest } from './manifest';
import { launch } from './router';

export interface ShellElements {
  phone: HTMLElement;
  nav: HTMLElement;
  stack: HTMLElement;
  tabBar: HTMLElement;
  overlays: HTMLElement;
  errors: HTMLElement;
}

const DEFAULT_INTRO = '本地渲染小程序的真实页面：WXML 经官方 wcc 编译、WXSS 经 wcsc，组件框架为 exparser。';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

/** Launches the app on a page path typed by the user ("/pages/x/index?a=1", "pages/x/index", or "#/pages/x/index"). */
export function openTyped(value: string): void {
  launch(`#/${value.trim().replace(/^#?\/?/, '')}`);
}

/** The identity switcher: the app's identities, or any other it accepts, typed. */
function identityPanel(config: IdentityConfig): HTMLElement {
  const box = h('fieldset', { class: 'pv-box pv-identity' }, h('legend', {}, config.title));
  const current = h('div', { class: 'pv-identity__current' });
  const switchTo = (id: string) => {
    // another user is another phone: the app starts again (fresh App and globalData), on the same page
    if (storeIdentity(id)) location.reload();
  };
  for (const who of config.options) {
    const radio = h('input', { type: 'radio', name: 'pv-identity', value: who.id, 'data-identity': who.id });
    radio.addEventListener('change', () => switchTo(who.id));
    box.appendChild(h('label', { class: 'pv-identity__option' }, radio, h('b', {}, who.label), ` ${who.id}`, h('small', {}, who.note ?? '')));
  }
  const custom = h('input', { type: 'text', class: 'pv-input', placeholder: '其他身份', 'aria-label': '其他身份' });
  const use = h('button', { type: 'button', class: 'pv-button' }, '切换');
  use.addEventListener('click', () => {
    const value = custom.value.trim();
    if (isValidIdentity(value)) switchTo(value);
  });
  box.append(h('div', { class: 'pv-row' }, custom, use), current);
  const id = currentIdentity() ?? '';
  current.textContent = `当前：${id}`;
  box.querySelectorAll<HTMLInputElement>('input[type=radio]').forEach((r) => (r.checked = r.value === id));
  return box;
}

/** The open-page form, the page list and the app's example links. */
function openPanel(manifest: Manifest): HTMLElement {
  const box = h('fieldset', { class: 'pv-box pv-open' }, h('legend', {}, '打开页面'));
  const example = manifest.app.examplePath ?? `/${manifest.pages[0] ?? ''}`;
  const input = h('input', { type: 'text', class: 'pv-input pv-open__url', name: 'url', placeholder: example, 'aria-label': '页面路径' });
  const form = h('form', { class: 'pv-row' }, input, h('button', { type: 'submit', class: 'pv-button' }, '打开'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim()) openTyped(input.value);
  });
  const list = h('select', { class: 'pv-input pv-open__pages', 'aria-label': '页面列表' }, h('option', { value: '' }, 'app.json 的页面…'));
  const tabs = new Set(manifest.tabBar?.list.map((t) => t.pagePath) ?? []);
  for (const page of manifest.pages) {
    const sub = manifest.subPackageOf[page];
    list.appendChild(h('option', { value: page }, `${page}${tabs.has(page) ? '（tab）' : ''}${sub ? `（分包 ${sub}）` : ''}`));
  }
  list.addEventListener('change', () => {
    if (list.value) openTyped(list.value);
    list.value = '';
  });
  box.append(form, list);
  const links = manifest.app.links ?? [];
  if (links.length) {
    const ul = h('ul', { class: 'pv-links' });
    for (const link of links) ul.appendChild(h('li', {}, h('a', { href: link.hash }, link.label), h('code', {}, link.hash.slice(1))));
    box.appendChild(ul);
  }
  return box;
}

/** Draws the side panel and the phone into `root`; the router and overlays fill the phone's parts. */
export function mountShell(manifest: Manifest, root: HTMLElement): ShellElements {
  const identity = identityConfig();
  const nav = h(
    'div',
    { class: 'pv-nav' },
    h('button', { type: 'button', class: 'pv-nav__back', 'aria-label': '返回' }, '‹'),
    h('button', { type: 'button', class: 'pv-nav__home', 'aria-label': '首页' }, '⌂'),
    h('div', { class: 'pv-nav__title' }),
    h('div', { class: 'pv-capsule' }, h('button', { type: 'button', class: 'pv-nav__menu', 'aria-label': '菜单' }, '···'), h('button', { type: 'button', class: 'pv-nav__close', 'aria-label': '重新进入' }, '◉')),
  );
  const stack = h('div', { class: 'pv-stack' });
  const tabBar = h('div', { class: 'pv-tabbar', role: 'tablist' });
  const overlays = h('div', { class: 'pv-overlays' });
  const phone = h(
    'div',
    { class: 'pv-phone', style: `width:${manifest.frameWidth}px;height:${manifest.frameHeight}px` },
    h('div', { class: 'pv-status' }, h('span', {}, '9:41'), h('span', {}, '▮▮▮ 100%')),
    nav,
    stack,
    tabBar,
    overlays,
  );
  const errors = h('div', { class: 'pv-errors' });
  const side = h(
    'aside',
    { class: 'pv-side' },
    h('h1', { class: 'pv-title' }, '小程序预览'),
    h('p', { class: 'pv-lede' }, manifest.app.intro ?? DEFAULT_INTRO),
    ...(identity ? [identityPanel(identity)] : []),
    openPanel(manifest),
    errors,
  );
  root.append(h('div', { class: 'pv-shell' }, side, h('main', { class: 'pv-device' }, phone)));
  return { phone, nav, stack, tabBar, overlays, errors };
}

export function showLoadErrors(el: HTMLElement, errors: Map<string, string>): void {
  if (!errors.size) return;
  el.replaceChildren(h('h2', {}, '加载失败的模块'), ...[...errors].map(([path, message]) => h('div', { class: 'pv-error' }, h('b', {}, path), ` ${message}`)));
}
