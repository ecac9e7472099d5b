import type { ShareCode } from '../../typings/contract/index';
import { call } from './call';

/** Referral (function `referral`). */

/** The caller's share code for a live or product (made once per caller and target); its path carries `code=`. */
export const myShareCode = (target: { liveId?: string; productId?: string }): Promise<ShareCode> => call('referral', 'myCode', target);
