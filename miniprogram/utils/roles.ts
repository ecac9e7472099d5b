import type { StaffRole } from '../../typings/contract/index';

/** 店主 owner, 运营 operator, 客服 customer service */
export const ROLE_LABEL: Record<StaffRole, string> = { owner: '店主', operator: '运营', cs: '客服' };

export const roleLabel = (role: string): string => (ROLE_LABEL as Record<string, string>)[role] ?? role;
