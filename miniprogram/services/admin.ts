import type { StaffRole } from '../../typings/contract/index';
import { call } from './call';

/** Staff functions (function `admin`): every action fails with NOT_STAFF for shoppers. */
export const whoami = (): Promise<{ openid: string; role: StaffRole }> => call('admin', 'whoami', {});
