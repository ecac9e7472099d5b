/** wx.showModal as a promise: true when the shopper confirms; a failed dialog counts as "no". */
export function confirmDialog(options: { title: string; content?: string; confirmText?: string; cancelText?: string }): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      ...options,
      success: (res) => resolve(!!res.confirm),
      fail: () => resolve(false),
    });
  });
}
