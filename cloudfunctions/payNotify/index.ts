import { PAY_CALLBACK_SOURCE, SOURCE_HEADER } from '../core/adapters/cloudbase/cloudpay';
import { cloudSource } from '../core/adapters/cloudbase/identity';
import { cloudPorts } from '../core/entry/cloud';
import { httpMain, type HttpEvent } from '../core/entry/http';
import { handlePaymentNotification } from '../core/flows/payment-notify';
import type { Ports } from '../core/ports';

/**
 * Payment results. WeChat Pay v3 notifications (notify_url) arrive through CloudBase HTTP access;
 * cloudPay results arrive as a direct invocation whose event is the result, trusted only when the
 * runtime reports the payment platform as the caller.
 */
const http = httpMain((ports, req) => handlePaymentNotification(ports, { headers: req.headers, body: req.body }), cloudPorts);
let ports: Ports | null = null;

const isCloudPayResult = (event: unknown): event is Record<string, unknown> =>
  typeof event === 'object' && event !== null && 'outTradeNo' in event && 'resultCode' in event && !('httpMethod' in event);

export const main = async (event: unknown, context: unknown) => {
  if (!isCloudPayResult(event)) return http(event as HttpEvent);
  ports ??= cloudPorts();
  const source = cloudSource(context) ?? '';
  const answer = await handlePaymentNotification(ports, { headers: { [SOURCE_HEADER]: source === PAY_CALLBACK_SOURCE ? source : '' }, body: JSON.stringify(event) });
  return answer.status < 300 ? { errcode: 0, errmsg: '' } : { errcode: 1, errmsg: answer.body };
};
