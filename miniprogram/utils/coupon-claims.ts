import { failureCode, newRequestId } from '../services/call';
import { claimCoupon } from '../services/coupons';
import { afterFailure, attemptFor, type Attempt } from './attempt';
import { errorText } from './errors';

/**
 * Claiming coupons from a page, the same way everywhere: one claim per coupon on its way (a second
 * tap sends nothing), and a claim that failed on the way sent again with the same request id so the
 * server answers the first. The toast says how it went; resolves true when the coupon was claimed.
 */
export class CouponClaims {
  private readonly claiming = new Set<string>();
  private readonly attempts = new Map<string, Attempt>();

  async claim(templateId: string): Promise<boolean | null> {
    if (this.claiming.has(templateId)) return null;
    this.claiming.add(templateId);
    const attempt = attemptFor(this.attempts.get(templateId) ?? null, templateId, newRequestId);
    try {
      await claimCoupon(templateId, attempt.requestId);
      this.attempts.delete(templateId);
      wx.showToast({ title: '领取成功', icon: 'success' });
      return true;
    } catch (err) {
      const kept = afterFailure(attempt, failureCode(err));
      if (kept) this.attempts.set(templateId, kept);
      else this.attempts.delete(templateId);
      wx.showToast({ title: errorText(err), icon: 'none' });
      return false;
    } finally {
      this.claiming.delete(templateId);
    }
  }
}
