import type { HttpAnswer } from '../kernel/http';
import type { HttpNotification, Ports } from '../ports';
import { isBusy, isRefundNotice, NotificationRejected } from '../ports';
import { applyPayment } from './payment';
import { applyRefund } from './refund';
import { orderPaid } from './order-notices';

/**
 * The payment notification endpoint (支付回调 and 退款结果通知: refunds name it as their notify_url), shared by the cloud HTTP function and the local
 * runtime's /pay/notify and /dev/pay: verify, decrypt, check, apply, answer fast.
 * WeChat Pay v3 expects 200/204 for success and retries anything else.
 */
export type { HttpAnswer };

const fail = (status: number, message: string): HttpAnswer => ({ status, body: JSON.stringify({ code: 'FAIL', message }) });

export async function handlePaymentNotification(ports: Ports, n: HttpNotification): Promise<HttpAnswer> {
  let result;
  try {
    result = await ports.payment.parseNotification(n);
  } catch (e) {
    if (e instanceof NotificationRejected) return fail(401, e.message);
    throw e;
  }
  const notice = result;
  try {
    if (isRefundNotice(notice)) {
      // applied once, for the refund it names; a repeat or one for a refund we no longer wait on is acknowledged
      await applyRefund(ports.db, notice, ports.clock.now(), ports.messaging);
      return { status: 204, body: '' };
    }
    const outcome = await applyPayment(ports.db, notice, ports.payment.method, ports.clock.now());
    if (outcome.kind === 'rejected') return fail(400, outcome.reason);
    if (outcome.kind === 'paid') await orderPaid({ db: ports.db, messaging: ports.messaging, now: ports.clock.now() }, notice.orderId);
    return { status: 204, body: '' };
  } catch (e) {
    // a transaction given up under a burst wrote nothing of itself: WeChat Pay delivers the notice
    // again, and applying it is idempotent
    if (isBusy(e)) return fail(503, 'busy: deliver again');
    throw e;
  }
}
