/**
 * What the shopper is told after the subscribe dialog. `ban` means the template (or all of them) is
 * switched off in WeChat's own settings, where only the shopper can switch it back on.
 */
export function consentToast(answer: string | undefined): string {
  switch (answer) {
    case 'accept':
      return '已开启，下次有消息会提醒你';
    case 'reject':
      return '你取消了本次提醒';
    case 'ban':
      return '消息提醒已在微信中关闭，可在右上角「···」›设置›订阅消息中打开';
    case 'filter':
      return '该提醒暂不可用';
    default:
      return '暂时无法开启，请稍后再试';
  }
}
