/**
 * The page stack (navigateTo / redirectTo / navigateBack / switchTab / reLaunch), page lifecycles,
 * the navigation bar and the tab bar, as app.json and each page's json describe them. The
 * location hash follows the top page (#/<route>?<query>), and a hash typed or linked by
 * the user re-launches the app on that page, so a deep link is just a link.
 */
import exparser from 'miniprogram-exparser';
import type { Caller, ExElement } from './exparser';
import type { Manifest, ModuleEntry, WindowStyle } from './manifest';
import { dialog, panel, actionSheet, toast } from './overlays';
import { registrationOf } from './registry';

export interface PageInstance {
  route: string;
  query: Record<string, string>;
  entry: ModuleEntry;
  node: ExElement;
  caller: Caller;
  frame: HTMLElement;
  scroller: HTMLElement;
  style: WindowStyle;
  title: string;
  ready: boolean;
  reachedBottom: boolean;
}

interface Shell {
  stack: HTMLElement;
  nav: HTMLElement;
  tabBar: HTMLElement;
  phone: HTMLElement;
}

type NavType = 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch';

const MAX_STACK = 10;

let manifest: Manifest;
let shell: Shell;
const entries = new Map<string, ModuleEntry>();
const stack: PageInstance[] = [];
/** tab pages stay alive while the app runs, as in WeChat */
const tabPages = new Map<string, PageInstance>();
let writingHash = false;

export const currentPage = (): PageInstance | undefined => stack[stack.length - 1];

export const pageCallers = (): Caller[] => stack.map((p) => p.caller);

const isTab = (route: string) => !!manifest.tabBar?.list.some((t) => t.pagePath === route);

export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const part of search.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    // values stay as written, as WeChat hands them to onLoad; pages decode what they encoded
    if (i < 0) query[part] = '';
    else query[part.slice(0, i)] = part.slice(i + 1);
  }
  return query;
}

const queryString = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join('&');

/** Resolves a wx.navigateTo url (absolute or relative to the current page) to a route and query. */
export function resolveUrl(url: string, from = currentPage()?.route ?? ''): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  let route: string;
  if (pathPart.startsWith('/')) route = pathPart.slice(1);
  else {
    const parts = from.split('/').slice(0, -1);
    for (const p of pathPart.split('/')) {
      if (p === '..') parts.pop();
      else if (p && p !== '.') parts.push(p);
    }
    route = parts.join('/');
  }
  return { route: route.replace(/\.html$/, ''), query: parseQuery(search) };
}

// ---- lifecycles ----

const call = (page: PageInstance, name: string, ...args: unknown[]): unknown => {
  const fn = page.caller[name];
  if (typeof fn !== 'function') return undefined;
  try {
    return (fn as (...a: unknown[]) => unknown).apply(page.caller, args);
  } catch (e) {
    console.error(`[preview] ${page.route} ${name} threw`, e);
    return undefined;
  }
};

function eachComponent(node: ExElement, fn: (n: ExElement) => void): void {
  if (node instanceof (exparser.Component as unknown as new () => ExElement)) {
    fn(node);
    if (node.shadowRoot) eachComponent(node.shadowRoot, fn);
  }
  for (const child of node.childNodes ?? []) eachComponent(child, fn);
}

function createPage(route: string, query: Record<string, string>): PageInstance {
  const entry = entries.get(route);
  if (!entry) throw new Error(`page "${route}" is not in app.json`);
  const registration = registrationOf(entry.id);
  if (!registration) throw new Error(`page "${route}" did not register`);
  const frame = document.createElement('div');
  frame.className = 'wx-page-frame';
  const scroller = document.createElement('div');
  scroller.className = 'wx-page';
  scroller.dataset.route = route;
  frame.appendChild(scroller);
  shell.stack.appendChild(frame);
  const node = exparser.createElement(entry.tagName, registration);
  scroller.appendChild(node.$$ as HTMLElement);
  const caller = exparser.Element.getMethodCaller(node);
  caller.route = route;
  caller.__route__ = route;
  caller.options = { ...query };
  const style: WindowStyle = { ...manifest.window, ...(entry.json as WindowStyle) };
  const page: PageInstance = { route, query, entry, node, caller, frame, scroller, style, title: style.navigationBarTitleText ?? '', ready: false, reachedBottom: false };
  exparser.Element.pretendAttached(node);
  bindPageScroll(page);
  return page;
}

/** onLoad runs once the page is on the stack, so getCurrentPages() includes it, as in WeChat. */
function load(page: PageInstance): void {
  call(page, 'onLoad', { ...page.query });
}

function showPage(page: PageInstance): void {
  page.frame.hidden = false;
  call(page, 'onShow');
  page.node.triggerPageLifeTime('show');
  if (!page.ready) {
    page.ready = true;
    eachComponent(page.node, (n) => n.triggerLifeTime('ready'));
    call(page, 'onReady');
  }
  renderChrome();
  writeHash(page);
}

function hidePage(page: PageInstance): void {
  call(page, 'onHide');
  page.node.triggerPageLifeTime('hide');
  page.frame.hidden = true;
}

function unloadPage(page: PageInstance): void {
  call(page, 'onUnload');
  exparser.Element.pretendDetached(page.node);
  page.frame.remove();
}

function bindPageScroll(page: PageInstance): void {
  const el = page.scroller;
  el.addEventListener('scroll', () => {
    call(page, 'onPageScroll', { scrollTop: el.scrollTop });
    const distance = Number(page.style.onReachBottomDistance ?? 50);
    const atBottom = el.scrollHeight - el.clientHeight - el.scrollTop <= distance;
    if (atBottom && !page.reachedBottom) call(page, 'onReachBottom');
    page.reachedBottom = atBottom;
  });
}

// ---- navigation ----

export interface NavOptions {
  url?: string;
  delta?: number;
}

/** Runs a navigation; rejects with WeChat's errMsg when it cannot. */
export function navigate(type: NavType, options: NavOptions): Promise<void> {
  try {
    if (type === 'navigateBack') back(options.delta ?? 1);
    else {
      if (!options.url) throw new Error(`${type}:fail parameter error: parameter.url should be String instead of Undefined;`);
      const { route, query } = resolveUrl(options.url);
      if (!entries.has(route)) throw new Error(`${type}:fail page "${route}" is not found`);
      if ((type === 'navigateTo' || type === 'redirectTo') && isTab(route)) throw new Error(`${type}:fail can not ${type} a tabbar page`);
      if (type === 'switchTab' && !isTab(route)) throw new Error('switchTab:fail can not switch to no-tabBar page');
      if (type === 'navigateTo') push(route, query);
      else if (type === 'redirectTo') redirect(route, query);
      else if (type === 'switchTab') switchTab(route);
      else relaunch(route, query);
    }
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function push(route: string, query: Record<string, string>): void {
  if (stack.length >= MAX_STACK) throw new Error('navigateTo:fail webview count limit exceed');
  const top = currentPage();
  const page = createPage(route, query);
  if (top) hidePage(top);
  stack.push(page);
  load(page);
  showPage(page);
}

function redirect(route: string, query: Record<string, string>): void {
  const top = stack.pop();
  if (top) retire(top);
  const page = createPage(route, query);
  stack.push(page);
  load(page);
  showPage(page);
}

/** A page leaving the stack: tab pages are only hidden. */
function retire(page: PageInstance): void {
  if (tabPages.get(page.route) === page) hidePage(page);
  else {
    hidePage(page);
    unloadPage(page);
  }
}

function back(delta: number): void {
  if (stack.length <= 1) return;
  const n = Math.min(Math.max(1, delta), stack.length - 1);
  for (let i = 0; i < n; i++) retire(stack.pop()!);
  showPage(currentPage()!);
}

function switchTab(route: string): void {
  const top = currentPage();
  if (top?.route === route) return;
  while (stack.length) {
    const page = stack.pop()!;
    if (page === top) retire(page);
    else if (tabPages.get(page.route) !== page) unloadPage(page);
  }
  let page = tabPages.get(route);
  const fresh = !page;
  if (!page) {
    page = createPage(route, {});
    tabPages.set(route, page);
  }
  stack.push(page);
  if (fresh) load(page);
  showPage(page);
}

function relaunch(route: string, query: Record<string, string>): void {
  const top = currentPage();
  if (top) hidePage(top);
  for (const page of new Set([...stack, ...tabPages.values()])) unloadPage(page);
  stack.length = 0;
  tabPages.clear();
  const page = createPage(route, query);
  if (isTab(route)) tabPages.set(route, page);
  stack.push(page);
  load(page);
  showPage(page);
}

/** Launches the app afresh on `#/route?query` ('' for the first page of app.json). */
export function launch(hash: string): void {
  if (location.hash === hash || (!hash && !location.hash)) location.reload();
  else location.hash = hash;
}

/** Opens the page in the location hash when the app starts: the launch page, with its options. */
export function openHash(hash: string): void {
  const raw = hash.replace(/^#\/?/, '');
  const target = raw ? resolveUrl(`/${raw}`, '') : { route: manifest.pages[0], query: {} };
  if (!entries.has(target.route)) {
    void dialog({ title: '没有这个页面', content: `app.json 里没有 ${target.route}，已打开首页`, buttons: [{ text: '好', value: 0, primary: true }] });
    relaunch(manifest.pages[0], {});
    return;
  }
  relaunch(target.route, target.query);
}

function writeHash(page: PageInstance): void {
  const qs = queryString(page.query);
  const hash = `#/${page.route}${qs ? `?${qs}` : ''}`;
  if (location.hash === hash) return;
  writingHash = true;
  history.replaceState(null, '', hash);
  writingHash = false;
}

// ---- chrome: navigation bar, tab bar, capsule menu ----

export function setTitle(title: string): void {
  const page = currentPage();
  if (!page) return;
  page.title = title;
  renderChrome();
}

export function setNavColor(front: string, background: string): void {
  const page = currentPage();
  if (!page) return;
  page.style = { ...page.style, navigationBarTextStyle: front === '#ffffff' ? 'white' : 'black', navigationBarBackgroundColor: background };
  renderChrome();
}

const tabBadges = new Map<number, string>();

export function setTabBadge(index: number, text: string | null): void {
  if (text === null) tabBadges.delete(index);
  else tabBadges.set(index, text);
  renderChrome();
}

function renderChrome(): void {
  const page = currentPage();
  if (!page) return;
  const custom = page.style.navigationStyle === 'custom';
  const nav = shell.nav;
  nav.hidden = custom;
  shell.phone.classList.toggle('pv-phone--custom-nav', custom);
  nav.style.background = page.style.navigationBarBackgroundColor ?? '#ffffff';
  nav.style.color = page.style.navigationBarTextStyle === 'white' ? '#ffffff' : '#000000';
  nav.querySelector('.pv-nav__title')!.textContent = page.title;
  const backButton = nav.querySelector<HTMLElement>('.pv-nav__back')!;
  const homeButton = nav.querySelector<HTMLElement>('.pv-nav__home')!;
  backButton.hidden = stack.length <= 1;
  homeButton.hidden = stack.length > 1 || isTab(page.route);
  const tab = isTab(page.route);
  shell.tabBar.hidden = !tab;
  shell.phone.classList.toggle('pv-phone--tab', tab);
  if (tab && manifest.tabBar) {
    const bar = manifest.tabBar;
    shell.tabBar.style.background = bar.backgroundColor ?? '#ffffff';
    shell.tabBar.replaceChildren(
      ...bar.list.map((item, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'pv-tab';
        const selected = item.pagePath === page.route;
        button.style.color = selected ? bar.selectedColor ?? '#000' : bar.color ?? '#7a7a7a';
        button.setAttribute('aria-selected', String(selected));
        button.dataset.path = item.pagePath;
        button.textContent = item.text;
        const badge = tabBadges.get(i);
        if (badge !== undefined) {
          const b = document.createElement('span');
          b.className = badge ? 'pv-tab__badge' : 'pv-tab__dot';
          b.textContent = badge;
          button.appendChild(b);
        }
        button.addEventListener('click', () => {
          void navigate('switchTab', { url: `/${item.pagePath}` }).then(() => {
            const shown = currentPage();
            if (shown) call(shown, 'onTabItemTap', { index: i, pagePath: item.pagePath, text: item.text });
          });
        });
        return button;
      }),
    );
  }
}

/** Share sheet: what the page's onShareAppMessage returns, with the path as a link into the preview. */
export async function sharePage(from: 'button' | 'menu', target?: unknown): Promise<void> {
  const page = currentPage();
  if (!page) return;
  const fallback = { title: page.title || '小程序', path: `/${page.route}${Object.keys(page.query).length ? `?${queryString(page.query)}` : ''}`, imageUrl: '' };
  let share: { title?: string; path?: string; imageUrl?: string; promise?: Promise<unknown> } = {};
  if (typeof page.caller.onShareAppMessage === 'function') {
    share = (call(page, 'onShareAppMessage', { from, target, webViewUrl: '' }) as typeof share) ?? {};
    if (share.promise) {
      const late = await Promise.race([share.promise, new Promise((r) => window.setTimeout(() => r(null), 3000))]);
      if (late && typeof late === 'object') share = { ...share, ...(late as typeof share) };
    }
  } else if (from === 'menu') {
    toast({ title: '当前页面未设置分享', icon: 'none' });
    return;
  }
  const result = { title: share.title ?? fallback.title, path: share.path ?? fallback.path, imageUrl: share.imageUrl ?? '' };
  recordShare(result);
  const body = document.createElement('div');
  body.className = 'pv-share';
  const card = document.createElement('div');
  card.className = 'pv-share__card';
  const title = document.createElement('div');
  title.className = 'pv-share__title';
  title.textContent = result.title;
  card.appendChild(title);
  if (result.imageUrl) {
    const img = document.createElement('img');
    img.className = 'pv-share__image';
    img.src = result.imageUrl;
    card.appendChild(img);
  }
  const link = document.createElement('a');
  link.className = 'pv-share__path';
  const path = result.path.startsWith('/') ? result.path.slice(1) : result.path;
  link.href = `#/${path}`;
  link.textContent = `/${path}`;
  card.appendChild(link);
  body.appendChild(card);
  const hint = document.createElement('div');
  hint.className = 'pv-share__hint';
  hint.textContent = '好友点开卡片会进入这个页面；在预览中点击路径即以它重新进入。';
  body.appendChild(hint);
  await panel('转发给朋友', body, 'share');
}

export interface ShareRecord {
  title: string;
  path: string;
  imageUrl: string;
}

const shares: ShareRecord[] = [];
function recordShare(share: ShareRecord): void {
  shares.push(share);
}
export const sharesMade = () => [...shares];

async function capsuleMenu(): Promise<void> {
  const page = currentPage();
  if (!page) return;
  const items: Array<[string, () => void]> = [['转发给朋友', () => void sharePage('menu')]];
  if (page.style.enablePullDownRefresh) items.push(['下拉刷新', () => startPullDownRefresh()]);
  items.push(['重新进入小程序', () => location.reload()]);
  const i = await actionSheet({ itemList: items.map(([t]) => t) });
  if (i >= 0) items[i][1]();
}

export function startPullDownRefresh(): void {
  const page = currentPage();
  if (!page) return;
  page.scroller.scrollTop = 0;
  page.frame.classList.add('wx-page-frame--refreshing');
  call(page, 'onPullDownRefresh');
}

export function stopPullDownRefresh(): void {
  for (const page of stack) page.frame.classList.remove('wx-page-frame--refreshing');
}

export function pageScrollTo(options: { scrollTop?: number; selector?: string; duration?: number }): void {
  const page = currentPage();
  if (!page) return;
  let top = options.scrollTop ?? 0;
  if (options.selector) {
    const node = page.node.shadowRoot?.querySelector(options.selector)?.$$;
    if (node) top = page.scroller.scrollTop + node.getBoundingClientRect().top - page.scroller.getBoundingClientRect().top;
  }
  page.scroller.scrollTo({ top, behavior: options.duration === 0 ? 'auto' : 'smooth' });
}

export function installRouter(m: Manifest, modules: ModuleEntry[], s: Shell): void {
  manifest = m;
  shell = s;
  for (const entry of modules) if (entry.kind === 'page') entries.set(entry.path, entry);
  s.nav.querySelector('.pv-nav__back')!.addEventListener('click', () => void navigate('navigateBack', { delta: 1 }));
  s.nav.querySelector('.pv-nav__home')!.addEventListener('click', () => void navigate('reLaunch', { url: `/${manifest.pages[0]}` }));
  s.nav.querySelector('.pv-nav__menu')!.addEventListener('click', () => void capsuleMenu());
  s.nav.querySelector('.pv-nav__close')!.addEventListener('click', () => launch(''));
  // a link opened from outside (the address bar, the side panel, a share card's path) launches the
  // app afresh on that page, as tapping a shared card or scanning a code does
  window.addEventListener('hashchange', () => {
    if (!writingHash) location.reload();
  });
}
