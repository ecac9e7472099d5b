/**
 * The development identity, when the app configures one (AppPreviewConfig.identity): kept in the
 * mini program's own storage under the app's key, so the app and the preview read the same value,
 * and sent in the app's header with the calls the preview makes on the app's behalf.
 */
import type { IdentityConfig } from './manifest';
import { storageGet, storageSet } from './storage';

let config: IdentityConfig | null = null;

export function configureIdentity(identity: IdentityConfig | undefined): void {
  config = identity ?? null;
}

/** The app's identity configuration, or null when it has none. */
export const identityConfig = (): IdentityConfig | null => config;

/** The identity in use: the stored one, else the app's fallback; null when the app configures none. */
export function currentIdentity(): string | null {
  if (!config) return null;
  const stored = storageGet(config.storageKey);
  return typeof stored === 'string' && stored ? stored : config.fallback;
}

/** Whether `value` is an identity the app accepts. */
export const isValidIdentity = (value: string): boolean => !!config && new RegExp(config.pattern).test(value);

/** Stores `id` as the identity in use; false (nothing stored) when the app would not accept it. */
export function storeIdentity(id: string): boolean {
  if (!config || !isValidIdentity(id)) return false;
  storageSet(config.storageKey, id);
  return true;
}

/** The header that carries the identity in use ({} without one). */
export function identityHeaders(): Record<string, string> {
  const id = currentIdentity();
  return config && id ? { [config.header]: id } : {};
}
