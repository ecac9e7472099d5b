/**
 * Copies text to the clipboard (WeChat shows its own "copied" toast); resolves whether it worked.
 * The clipboard is a privacy API: a page that copies carries the privacy pop-up.
 */
export function copyText(data: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.setClipboardData({ data, success: () => resolve(true), fail: () => resolve(false) });
  });
}
