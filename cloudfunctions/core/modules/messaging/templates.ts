/**
 * Subscribe-message templates by purpose. The ids are the ones configured in the mini program
 * console; in the cloud they come from the function's environment (TPL_*), locally from these
 * defaults, which miniprogram/config.ts mirrors so the client asks consent for the same ids.
 */
export const TEMPLATE_DEFAULTS = {
  liveStart: 'local-tpl-live-start',
  raffleResult: 'local-tpl-raffle-result',
  orderUpdate: 'local-tpl-order-update',
  marketing: 'local-tpl-marketing',
  restock: 'local-tpl-restock',
} as const;

export type TemplatePurpose = keyof typeof TEMPLATE_DEFAULTS;

const ENV_KEYS: Record<TemplatePurpose, string> = {
  liveStart: 'TPL_LIVE_START',
  raffleResult: 'TPL_RAFFLE_RESULT',
  orderUpdate: 'TPL_ORDER_UPDATE',
  marketing: 'TPL_MARKETING',
  restock: 'TPL_RESTOCK',
};

export function templateId(purpose: TemplatePurpose, env: Record<string, string | undefined> = process.env): string {
  return env[ENV_KEYS[purpose]] || TEMPLATE_DEFAULTS[purpose];
}
