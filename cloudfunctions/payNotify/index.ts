import { cloudSource } from '../core/adapters/cloudbase/identity';
import { cloudPorts } from '../core/entry/cloud';
import { httpMain, type HttpEvent } from '../core/entry/http';
import { handlePaymentNotification } from '../core/flows/payment-notify';
import type { HttpNotification, Ports } from '../core/ports';

/**
 * Payment results. WeChat Pay v3 notifications (notify_url) arrive through CloudBase HTTP access;
 * cloudPay results arrive as a direct invocation whose event is the result, trusted only when the
 * invocation context reports the payment platform as the caller.
 */
const http = httpMain((ports, req) => handlePaymentNotification(ports, { headers: req.headers, body: req.body }), cloudPorts);
let ports: Ports | null = null;

const isCloudPayResult = (event: unknown): event is Record<string, unknown> =>
  typeof event === 'object' && event !== null && 'outTradeNo' in event && 'resultCode' in event && !('httpMethod' in event);

/** A direct invocation as the notification the payment port reads: who invoked it comes from the context alone. */
export const cloudPayNotification = (event: Record<string, unknown>, context: unknown): HttpNotification => ({
  headers: {},
  body: JSON.stringify(event),
  invokedBy: cloudSource(context) ?? undefined,
});

export const main = async (event: unknown, context: unknown) => {
  if (!isCloudPayResult(event)) return http(event as HttpEvent);
  ports ??= cloudPorts();
  const answer = await handlePaymentNotification(ports, cloudPayNotification(event, context));
  return answer.status < 300 ? { errcode: 0, errmsg: '' } : { errcode: 1, errmsg: answer.body };
};
