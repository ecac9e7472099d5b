import type { StaffRole } from '../../../typings/contract/index';
import { whoami } from '../../services/admin';
import { errorCode, errorText } from '../../utils/errors';
import { permissionsOf, type Permission } from './permissions';

/**
 * What every staff screen shares: the caller's role and what it may do (to offer only those
 * controls; the server checks every call itself), and how a refusal shows.
 */
export type StaffPageState = 'loading' | 'ready' | 'denied' | 'error';

export interface StaffAccess {
  openid: string;
  role: StaffRole;
  can: Record<Permission, boolean>;
}

export async function staffAccess(): Promise<StaffAccess> {
  const me = await whoami();
  return { openid: me.openid, role: me.role, can: permissionsOf(me.role) };
}

/**
 * The page state for a failed load: NOT_STAFF and FORBIDDEN are an error state with a way back
 * (retrying cannot help); anything else an error state with retry.
 */
export function failureView(e: unknown): { state: StaffPageState; errorMessage: string } {
  const code = errorCode(e);
  return { state: code === 'NOT_STAFF' || code === 'FORBIDDEN' ? 'denied' : 'error', errorMessage: errorText(e) };
}

/** The line for a failed staff call: the code's text, as every screen words it. */
export const adminErrorText = (e: unknown): string => errorText(e);

/** A toast for a failed staff write; for input the server refused, naming the offending field. */
export function showFailure(e: unknown): void {
  const field = (e as { field?: unknown } | null)?.field;
  const text = adminErrorText(e);
  const named = errorCode(e) === 'INVALID_INPUT' && typeof field === 'string' && field;
  wx.showToast({ title: named ? `${text}（${field}）` : text, icon: 'none' });
}

export function goBack(): void {
  wx.navigateBack({ delta: 1 });
}
