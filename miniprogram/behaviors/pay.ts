import { pay } from '../services/payment';
import { errorText } from '../utils/errors';

/**
 * Paying from any page: the payment (services/payment.ts), then the result page, which confirms the
 * order turned paid. A sheet the shopper closes leaves them where they were, unless `leave` (the
 * checkout, whose order now exists, always moves on). Paid from the order's own page
 * (`fromOrder`), the result page's 查看订单 goes back to it rather than opening a second one.
 */
export const payBehavior = Behavior({
  methods: {
    async payOrder(orderId: string, payableFen: number, leave = false, fromOrder = false): Promise<'paid' | 'cancelled' | 'failed'> {
      const outcome = await pay(orderId, payableFen);
      if (outcome.status === 'failed' && !leave) wx.showToast({ title: errorText(outcome), icon: 'none' });
      if (outcome.status === 'paid' || leave) {
        const url = `/pages/pay-result/index?orderId=${encodeURIComponent(orderId)}&outcome=${outcome.status}${fromOrder ? '&back=order' : ''}`;
        if (leave) wx.redirectTo({ url });
        else wx.navigateTo({ url });
      }
      return outcome.status;
    },
  },
});
