import type { HttpAnswer } from '../kernel/http';
import type { HttpNotification, Ports } from '../ports';
import { NotificationRejected } from '../ports';
import { applyPayment } from './payment';

/**
 * The payment notification endpoint (支付回调), shared by the cloud HTTP function and the local
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
  const outcome = await applyPayment(ports.db, result, ports.payment.method, ports.clock.now());
  if (outcome.kind === 'rejected') return fail(400, outcome.reason);
  return { status: 204, body: '' };
}
