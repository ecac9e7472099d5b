import { listenForPrivacy } from '../../../miniprogram/utils/privacy';
import type { Rendered } from './render';
import { mp } from './wx';

/**
 * A new WeChat user who has not agreed to the privacy policy, with the app's listener registered
 * as app.ts registers it at launch: privacy APIs now wait for the page's pop-up.
 */
export function newPrivacyUser(): void {
  mp.privacyAgreed = false;
  listenForPrivacy();
}

const POPUP = '.privacy-popup >>> ';

/** Whether the page's privacy pop-up is on screen. */
export const popupShown = (comp: Rendered): boolean => !!comp.querySelector(`${POPUP}.privacy__dialog`);

/** Taps the pop-up's agree button (open-type="agreePrivacyAuthorization"): WeChat records the tap, then the button's event fires. */
export async function agreeInPopup(comp: Rendered): Promise<void> {
  const button = comp.querySelector(`${POPUP}#privacy-agree`);
  if (!button) throw new Error('no agree button in the privacy pop-up');
  mp.tapAgreeButton('privacy-agree');
  button.dispatchEvent('agreeprivacyauthorization');
  await mp.settle();
}

export async function refuseInPopup(comp: Rendered): Promise<void> {
  const button = comp.querySelector(`${POPUP}.privacy__disagree`);
  if (!button) throw new Error('no refuse button in the privacy pop-up');
  button.dispatchEvent('tap');
  await mp.settle();
}
