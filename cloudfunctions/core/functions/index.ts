import type { FunctionDef } from '../kernel/define';
import { admin } from './admin';
import { coupons } from './coupons';
import { live } from './live';
import { mall } from './mall';
import { referral } from './referral';
import { points } from './points';
import { raffle } from './raffle';
import { recommend } from './recommend';
import { sop } from './sop';


/** Every deployable function, by name: the local runtime serves these, the build bundles each. */
export const FUNCTIONS: Record<string, FunctionDef> = { mall, live, coupons, points, admin, referral, raffle, recommend, sop };

/** Functions the platform calls over HTTP rather than the mini program: not routed by action. */
export const HTTP_FUNCTIONS = ['payNotify', 'wecomCallback'] as const;

export { welcomeNewUser } from './welcome';
