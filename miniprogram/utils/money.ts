/**
 * Money arrives as integer fen (分) and is shown as yuan with two decimals.
 * Integer arithmetic only: no floating-point division on amounts.
 */
export function yuan(fen: number): string {
  if (!Number.isFinite(fen)) return '--';
  const whole = Math.round(fen);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** 1230 → "¥12.30"; -500 → "-¥5.00" */
export function formatYuan(fen: number): string {
  const text = yuan(fen);
  if (text === '--') return text;
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}
