/** Tab pages must be opened with switchTab; everything else with navigateTo. Mirrors app.json's tabBar. */
export const TAB_PAGES = ['/pages/home/index', '/pages/live/index', '/pages/cart/index', '/pages/me/index'];

export function openPath(path: string): void {
  const url = path.startsWith('/') ? path : `/${path}`;
  const base = url.split('?')[0];
  if (TAB_PAGES.includes(base)) wx.switchTab({ url: base });
  else wx.navigateTo({ url });
}
