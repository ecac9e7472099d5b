/**
 * The mini program calls its local server at the origin its config names (localBaseUrl); the
 * preview is served by that same server under another origin, so such URLs are rewritten to the
 * preview's own.
 */
let localBase = '';

/** Sets the origin the mini program calls in local mode ('' rewrites nothing). */
export const setLocalBase = (base: string) => {
  localBase = base.replace(/\/$/, '');
};

/** `url` with the mini program's local origin replaced by the preview's; any other URL as given. */
export function sameOrigin(url: string): string {
  if (localBase && url.startsWith(localBase)) return `${location.origin}${url.slice(localBase.length)}`;
  return url;
}
