import { z } from 'zod';
import { def } from './common';

/** 店主 owner, 运营 operator, 客服 customer service */
export type StaffRole = 'owner' | 'operator' | 'cs';

export const admin = {
  whoami: def<{ openid: string; role: StaffRole }>()(z.object({}).strict()),
};
