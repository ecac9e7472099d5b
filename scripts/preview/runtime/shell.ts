/**
 * The page around the phone: who you are (the dev identity the local runtime trusts), a form that
 * opens any page with options, and the page list from app.json. The phone itself: status bar,
 * navigation bar with the capsule, the page stack, the tab bar, and the overlay layer.
 */
import type { Manifest } from './manifest';
import { launch } from './router';
import { devOpenid, setDevOpenid } from './wx';

export interface ShellElements {
  phone: HTMLElement;
  nav: HTMLElement;
  stack: HTMLElement;
  tabBar: HTMLElement;
  overlays: HTMLElement;
  errors: HTMLElement;
}

/** The identities the switcher offers; any other openid can be typed. */
export const IDENTITIES = [
  { openid: 'demo-shopper', label: '顾客', note: '演示会员 小美' },
  { openid: 'demo-promoter', label: '推广员', note: '新用户：在推广员页申请' },
  { openid: 'demo-staff', label: '店员', note: '店主 阿宁，可进后台' },
];

export const EXAMPLE_LINKS = [
  { label: '直播卡片深链（直播价）', hash: '#/pages/product/index?id=p-foundation&live=live-tonight&card=card-1' },
  { label: '今晚的直播间', hash: '#/pages/live/room/index?live=live-tonight' },
  { label: '直播预约页', hash: '#/pages/live/detail/index?live=live-tonight' },
  { label: '后台首页（店员）', hash: '#/admin/pages/index/index' },
];

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

function identityPanel(): HTMLElement {
  const box = h('fieldset', { class: 'pv-box pv-identity' }, h('legend', {}, '身份（X-WX-OPENID）'));
  const current = h('div', { class: 'pv-identity__current' });
  const show = () => {
    current.textContent = `当前：${devOpenid()}`;
    box.querySelectorAll<HTMLInputElement>('input[type=radio]').forEach((r) => (r.checked = r.value === devOpenid()));
  };
  const switchTo = (openid: string) => {
    setDevOpenid(openid);
    // another user is another phone: the app starts again (fresh App and globalData), on the same page
    location.reload();
  };
  for (const who of IDENTITIES) {
    const radio = h('input', { type: 'radio', name: 'pv-identity', value: who.openid, 'data-openid': who.openid });
    radio.addEventListener('change', () => switchTo(who.openid));
    box.appendChild(h('label', { class: 'pv-identity__option' }, radio, h('b', {}, who.label), ` ${who.openid}`, h('small', {}, who.note)));
  }
  const custom = h('input', { type: 'text', class: 'pv-input', placeholder: '其他 openid', 'aria-label': '其他 openid' });
  const use = h('button', { type: 'button', class: 'pv-button' }, '切换');
  use.addEventListener('click', () => {
    if (/^[A-Za-z0-9_-]{1,64}$/.test(custom.value.trim())) switchTo(custom.value.trim());
  });
  box.append(h('div', { class: 'pv-row' }, custom, use), current);
  show();
  return box;
}

function openPanel(manifest: Manifest): HTMLElement {
  const box = h('fieldset', { class: 'pv-box pv-open' }, h('legend', {}, '打开页面'));
  const input = h('input', { type: 'text', class: 'pv-input pv-open__url', name: 'url', placeholder: '/pages/product/index?id=p-foundation&live=live-tonight&card=card-1', 'aria-label': '页面路径' });
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
  const links = h('ul', { class: 'pv-links' });
  for (const link of EXAMPLE_LINKS) links.appendChild(h('li', {}, h('a', { href: link.hash }, link.label), h('code', {}, link.hash.slice(1))));
  box.append(form, list, links);
  return box;
}

export function mountShell(manifest: Manifest, root: HTMLElement): ShellElements {
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
    h('p', { class: 'pv-lede' }, '本地运行时渲染 miniprogram/ 的真实页面（WXML 经官方 wcc 编译、WXSS 经 wcsc、组件框架为 exparser）。与真机的差别见 docs/PREVIEW.md。'),
    identityPanel(),
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
