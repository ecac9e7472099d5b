import { cloudPorts } from '../core/entry/cloud';
import { httpMain } from '../core/entry/http';
import { handleWecomCallback } from '../core/flows/wecom-callback';

/** WeCom customer-contact callbacks (URL verification and events), reached through CloudBase HTTP access. */
export const main = httpMain((ports, req) => handleWecomCallback(ports, { query: req.query, body: req.body }), cloudPorts, { allowGet: true });
