import { cloudPorts } from '../core/entry/cloud';
import { httpMain } from '../core/entry/http';
import { handlePaymentNotification } from '../core/domain/payments/notify';

/** WeChat Pay v3 notifications (notify_url), reached through CloudBase HTTP access. */
export const main = httpMain((ports, req) => handlePaymentNotification(ports, { headers: req.headers, body: req.body }), cloudPorts);
