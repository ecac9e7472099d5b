import { cloudPorts } from '../core/entry/cloud';
import { httpMain } from '../core/entry/http';
import { handleWecomCallback } from '../core/flows/wecom-callback';
import type { Ports } from '../core/ports';

/** WeCom customer-contact callbacks (URL verification and events), reached through CloudBase HTTP access. */
export const wecomCallbackHttp = (makePorts: () => Ports) =>
  httpMain((ports, req) => handleWecomCallback(ports, { query: req.query, body: req.body }), makePorts, { allowGet: true });

export const main = wecomCallbackHttp(cloudPorts);
