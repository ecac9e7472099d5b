/**
 * The mini program's storage (wx.setStorageSync and friends) in the browser's localStorage, each
 * key prefixed so the preview's entries stay apart from anything else on the origin. Values are
 * kept as JSON, so they come back with their type.
 */
const PREFIX = 'mp:';

/** Whether `key` holds a value. */
export const storageHas = (key: string): boolean => localStorage.getItem(PREFIX + key) !== null;

/** The value stored under `key`, or '' (WeChat's answer) when there is none. */
export function storageGet(key: string): unknown {
  const raw = localStorage.getItem(PREFIX + key);
  if (raw === null) return '';
  try {
    return (JSON.parse(raw) as { v: unknown }).v;
  } catch {
    return '';
  }
}

export const storageSet = (key: string, value: unknown): void => localStorage.setItem(PREFIX + key, JSON.stringify({ v: value }));

export const storageRemove = (key: string): void => localStorage.removeItem(PREFIX + key);

/** Every key the mini program has stored. */
export const storageKeys = (): string[] =>
  Object.keys(localStorage)
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => k.slice(PREFIX.length));

export const storageClear = (): void => storageKeys().forEach(storageRemove);
