/** Reading what staff type into forms. Pure: each returns the value or null when it does not parse. */

/** "12", "12.3", "12.30" → fen (1200, 1230, 1230); anything else (negative, 3 decimals, words) → null. */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  return Number(m[1]) * 100 + cents;
}

/** A whole number within [min, max] ("-5" allowed when min < 0), else null. */
export function parseCount(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^-?\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** The typed value of an input event. */
export const inputValue = (e: WechatMiniprogram.Input | { detail: { value: string } }): string => String(e.detail.value ?? '');
