/**
 * The app's own privacy pop-up (隐私保护指引). WeChat holds a privacy API (chooseAddress,
 * saveImageToPhotosAlbum, the clipboard…) until the user has agreed, and asks the app through
 * `wx.onNeedPrivacyAuthorization` — one listener for the whole app (a second registration replaces
 * the first), registered at launch by `listenForPrivacy`. Each request waits here until the user
 * answers in a `components/privacy-popup` on the page they are looking at: agreeing lets every
 * waiting API go on, refusing makes each fail with "privacy permission is not authorized".
 * A page without a pop-up of its own gets the policy page (`pages/privacy/index?consent=1`), which has one.
 */
export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
export type PrivacyResolve = (answer: PrivacyAnswer) => void;

/** A pop-up as the registry drives it. */
export interface PrivacyPopup {
  open(): void;
  close(): void;
}

interface Entry {
  popup: PrivacyPopup;
  visible: boolean;
}

export const DEFAULT_CONTRACT_NAME = '《小程序隐私保护指引》';
export const PRIVACY_PAGE = '/pages/privacy/index';

const entries: Entry[] = [];
let waiting: PrivacyResolve[] = [];
/** requests whose pop-up the platform has been told was shown */
const exposed = new WeakSet<PrivacyResolve>();
let shown: PrivacyPopup | null = null;
let sentToPolicyPage = false;
let contractName = '';

/** Registers the app's one listener (app.ts onLaunch); nothing on a WeChat too old to have it. */
export function listenForPrivacy(): void {
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return;
  const listener = (resolve: PrivacyResolve) => {
    waiting.push(resolve);
    present();
  };
  // the typings give the listener a result object; WeChat passes `resolve` (and eventInfo), as documented
  wx.onNeedPrivacyAuthorization(listener as unknown as Parameters<typeof wx.onNeedPrivacyAuthorization>[0]);
}

/** Shows the waiting requests on the most recently shown page that has a pop-up. */
function present(): void {
  if (!waiting.length) return;
  const top = [...entries].reverse().find((e) => e.visible);
  if (!top) {
    if (!sentToPolicyPage) {
      sentToPolicyPage = true;
      wx.navigateTo({ url: `${PRIVACY_PAGE}?consent=1`, fail: () => decide({ event: 'disagree' }) });
    }
    return;
  }
  if (shown !== top.popup) {
    shown?.close();
    shown = top.popup;
    top.popup.open();
  }
  for (const resolve of waiting) {
    if (exposed.has(resolve)) continue;
    exposed.add(resolve);
    resolve({ event: 'exposureAuthorization' });
  }
}

function decide(answer: PrivacyAnswer): void {
  const answered = waiting;
  waiting = [];
  sentToPolicyPage = false;
  shown?.close();
  shown = null;
  for (const resolve of answered) resolve(answer);
}

/** Called from the agree button's `agreeprivacyauthorization` event: WeChat checks that button was tapped. */
export const agreePrivacy = (buttonId: string): void => decide({ event: 'agree', buttonId });

export const disagreePrivacy = (): void => decide({ event: 'disagree' });

/** Whether a request is waiting for the user's answer. */
export const privacyPending = (): boolean => waiting.length > 0;

/** A pop-up joins as the one on the page being opened; returns its leaving. */
export function attachPopup(popup: PrivacyPopup): () => void {
  const entry = { popup, visible: true };
  entries.push(entry);
  present();
  return () => {
    const i = entries.indexOf(entry);
    if (i >= 0) entries.splice(i, 1);
    if (shown === popup) {
      shown = null;
      present();
    }
  };
}

/** Its page shown again (it becomes the one to ask on) or hidden (its pop-up waits off screen). */
export function setPopupVisible(popup: PrivacyPopup, visible: boolean): void {
  const entry = entries.find((e) => e.popup === popup);
  if (!entry) return;
  entry.visible = visible;
  if (visible) {
    entries.splice(entries.indexOf(entry), 1);
    entries.push(entry);
    present();
  } else if (shown === popup) {
    popup.close();
    shown = null;
  }
}

/** The name of the policy the shop filled in on the platform, as `wx.getPrivacySetting` gives it. */
export function privacyContractName(): Promise<string> {
  if (contractName) return Promise.resolve(contractName);
  return new Promise((resolve) => {
    if (typeof wx.getPrivacySetting !== 'function') {
      resolve(DEFAULT_CONTRACT_NAME);
      return;
    }
    wx.getPrivacySetting({
      success: (res) => {
        contractName = res.privacyContractName || DEFAULT_CONTRACT_NAME;
        resolve(contractName);
      },
      fail: () => resolve(DEFAULT_CONTRACT_NAME),
    });
  });
}

/** A privacy API refused because the user declined the privacy policy (or the API is not declared in it). */
export const isPrivacyDenied = (errMsg: string): boolean => /privacy permission is not authorized|scope is not declared in the privacy agreement/i.test(errMsg);
