import { repairCheckouts } from '../../cloudfunctions/core/flows/checkout-repair';
import { repairRedemptions } from '../../cloudfunctions/core/flows/rewards';
import { repairAudits } from '../../cloudfunctions/core/kernel/audit';
import { repairCounters } from '../../cloudfunctions/core/kernel/slots';
import { repairIssues } from '../../cloudfunctions/core/modules/coupons';
import type { Ports } from '../../cloudfunctions/core/ports';

/**
 * Before the local server takes a call: whatever the previous process was killed in the middle of
 * is settled now rather than when its timer next runs. Every call in flight then was that process's,
 * so nothing has to wait to look dead (`olderThanMs` 0). Returns what each repair did.
 */
export async function repairAtStart(ports: Ports, log: (line: string) => void = console.log) {
  const ctx = { db: ports.db, now: ports.clock.now() };
  const audits = await repairAudits(ports.db, ctx.now, 0);
  const checkouts = await repairCheckouts(ctx, 0);
  const issues = await repairIssues(ctx, 0);
  const redemptions = await repairRedemptions(ctx, 0);
  const counters = await repairCounters(ports.db, ctx.now, 0);
  if (audits.repaired) log(`Audit: ${audits.repaired} interrupted staff write(s) recorded with unknown outcome`);
  if (checkouts.settled + checkouts.givenBack) log(`Checkouts: ${checkouts.settled} settled, ${checkouts.givenBack} given back`);
  if (checkouts.stockReturned + checkouts.salesCounted) log(`Orders: ${checkouts.stockReturned} stock return(s) and ${checkouts.salesCounted} sales count(s) finished`);
  if (issues.removed) log(`Coupons: ${issues.removed} half-issued removed, ${issues.regranted} grant(s) issued again, ${issues.lost} lost`);
  if (redemptions.completed + redemptions.undone) log(`Redemptions: ${redemptions.completed} completed, ${redemptions.undone} undone`);
  if (counters.fixed) log(`Counters: ${counters.fixed} recounted`);
  return { audits, checkouts, issues, redemptions, counters };
}
