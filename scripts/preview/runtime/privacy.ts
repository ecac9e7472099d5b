/**
 * WeChat's privacy check, played in the preview: until the user has agreed to the app's privacy
 * policy, a privacy API waits. An app that registered `wx.onNeedPrivacyAuthorization` gets the
 * request (`resolve`, `{ referrer }`) and shows its own pop-up; `resolve({ event: 'agree', buttonId })`
 * lets the API go on only when that `<button open-type="agreePrivacyAuthorization">` was tapped,
 * `resolve({ event: 'disagree' })` fails it with "privacy permission is not authorized",
 * `exposureAuthorization` only reports the pop-up shown. Without a listener the platform's own
 * pop-up is drawn. Tapping an agree button records the agreement, as WeChat does.
 *
 * The agreement is kept per identity in the browser (the platform keeps it per user), so switching
 * to another openid is a new user; identities the app names in `privacy.agreedBefore` have agreed.
 */
import { currentIdentity } from './identity';
import type { AppPreviewConfig } from './manifest';
import { dialog, panel } from './overlays';

type Answer = { event?: string; buttonId?: string };
type Listener = (resolve: (answer: Answer) => void, info: { referrer: string }) => void;

export const DEFAULT_CONTRACT_NAME = '《小程序隐私保护指引》';
const KEY = 'pv:privacy-agreed';

let config: NonNullable<AppPreviewConfig['privacy']> = {};
let listener: Listener | null = null;
const tapped = new Set<string>();

export function configurePrivacy(privacy: AppPreviewConfig['privacy']): void {
  config = privacy ?? {};
}

const who = (): string => currentIdentity() ?? '';

function agreedList(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether the user in use has agreed to the privacy policy. */
export const privacyAgreed = (): boolean => (config.agreedBefore ?? []).includes(who()) || agreedList().includes(who());

function recordAgreement(): void {
  if (privacyAgreed()) return;
  localStorage.setItem(KEY, JSON.stringify([...agreedList(), who()]));
}

export const contractName = (): string => config.contractName || DEFAULT_CONTRACT_NAME;

/** `wx.onNeedPrivacyAuthorization`: the last registration is the one that counts, as in WeChat. */
export function onNeedPrivacyAuthorization(fn: Listener): void {
  listener = fn;
}

/** A tap on `<button open-type="agreePrivacyAuthorization">`: agreed, and the button remembered for `resolve`. */
export function agreeButtonTapped(buttonId: string): void {
  if (buttonId) tapped.add(buttonId);
  recordAgreement();
}

const refused = (api: string) => new Error(`${api}:fail privacy permission is not authorized`);

/** Waits for the user's privacy answer before `api` runs; throws WeChat's failure when refused. */
export async function requirePrivacy(api: string): Promise<void> {
  if (privacyAgreed()) return;
  if (!listener) {
    const agree = await dialog({
      title: '用户隐私保护提示',
      content: `使用该功能前，请阅读并同意${contractName()}。`,
      kind: 'privacy',
      buttons: [
        { text: '拒绝', value: false },
        { text: '同意', value: true, primary: true },
      ],
    });
    if (!agree) throw refused(api);
    recordAgreement();
    return;
  }
  const ask = listener;
  await new Promise<void>((resolve, reject) => {
    let done = false;
    ask(
      (answer) => {
        if (done || !answer || answer.event === 'exposureAuthorization') return;
        done = true;
        if (answer.event === 'agree' && answer.buttonId && tapped.has(answer.buttonId)) {
          recordAgreement();
          resolve();
          return;
        }
        if (answer.event === 'agree') console.warn(`[preview] privacy resolve({event:'agree'}) names button "${answer.buttonId ?? ''}", which was not tapped`);
        reject(refused(api));
      },
      { referrer: api },
    );
  });
}

/** `wx.getPrivacySetting`'s answer. */
export const privacySetting = (): Record<string, unknown> => ({ needAuthorization: !privacyAgreed(), privacyContractName: contractName() });

/** `wx.openPrivacyContract`: the platform shows the policy the app filled in on mp.weixin.qq.com. */
export async function openPrivacyContract(): Promise<void> {
  const body = document.createElement('div');
  body.className = 'pv-privacy-contract';
  body.textContent = `微信在此展示小程序在管理后台填写的${contractName()}。预览中没有它的正文。`;
  await panel(contractName(), body, 'privacy-contract');
}
