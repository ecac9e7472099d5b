import type { Order } from '../../../typings/contract/index';
import { getOrder } from '../../services/orders';
import { pay } from '../../services/payment';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { formatYuan } from '../../utils/money';
import { canPay, statusText } from '../../utils/orders';
import { POLL_ATTEMPTS, POLL_INTERVAL_MS } from './utils';

/**
 * 支付结果. The payment platform saying "paid" is not yet the order being paid: that happens when
 * its notification reaches the server. After a payment the page asks for the order every second,
 * a few times, until it reads paid; a failed or abandoned payment shows why, with "pay again".
 */
type ResultState = 'checking' | 'success' | 'pending' | 'failed' | 'error';


const PAID_STATES = new Set(['paid', 'shipped', 'completed']);

const local = instanceState(() => ({
  orderId: '',
  /** opened from the order's own page: 查看订单 goes back to it */
  backToOrder: false,
  order: null as Order | null,
  timer: null as ReturnType<typeof setTimeout> | null,
  /** bumped on every new round of checks and on detach: a stale answer or tick does nothing */
  round: 0,
  paying: false,
}));

Component({
  data: {
    state: 'checking' as ResultState,
    message: '',
    payableText: '',
    canPayAgain: false,
  },
  lifetimes: {
    detached() {
      this.stopPolling();
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const state = local(this);
      state.orderId = options.orderId ?? '';
      state.backToOrder = options.back === 'order';
      if (!state.orderId) {
        this.setData({ state: 'error', message: '订单不存在' });
        return;
      }
      const outcome = options.outcome;
      this.check(outcome === 'paid' ? POLL_ATTEMPTS : 1, outcome === 'cancelled' ? '支付已取消' : '支付未完成');
    },

    stopPolling() {
      const state = local(this);
      state.round++;
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
    },

    /** Reads the order up to `attempts` times, a second apart, until it is paid. */
    check(attempts: number, unpaidMessage: string) {
      this.stopPolling();
      const state = local(this);
      const round = state.round;
      if (this.data.state !== 'checking') this.setData({ state: 'checking', message: '' });
      const attempt = async (left: number): Promise<void> => {
        let order: Order;
        try {
          order = await getOrder(state.orderId);
        } catch (e) {
          if (round === state.round) this.setData({ state: 'error', message: errorText(e) });
          return;
        }
        if (round !== state.round) return;
        state.order = order;
        const payableText = formatYuan(order.price.payableFen);
        if (PAID_STATES.has(order.status)) {
          this.setData({ state: 'success', payableText, message: '', canPayAgain: false });
          return;
        }
        const payable = canPay(order, Date.now());
        if (order.status === 'created' && payable && left > 1) {
          state.timer = setTimeout(() => {
            state.timer = null;
            void attempt(left - 1);
          }, POLL_INTERVAL_MS);
          return;
        }
        if (order.status === 'created' && payable && attempts > 1) {
          // paid on the platform, not yet confirmed to us: the notification may still be on its way
          this.setData({ state: 'pending', payableText, message: '支付结果确认中，请稍后在订单中查看', canPayAgain: false });
          return;
        }
        const message = order.status === 'created' ? (payable ? unpaidMessage : '订单已超时') : `订单${statusText(order.status)}`;
        this.setData({ state: 'failed', payableText, message, canPayAgain: payable });
      };
      void attempt(attempts);
    },

    async onPayAgain(): Promise<void> {
      const state = local(this);
      const order = state.order;
      if (!order || state.paying || !this.data.canPayAgain) return;
      state.paying = true;
      try {
        // paid here, the result shows here: no further result page
        const outcome = await pay(order._id, order.price.payableFen);
        if (outcome.status === 'paid') this.check(POLL_ATTEMPTS, '支付未完成');
        else if (outcome.status === 'failed') wx.showToast({ title: errorText(outcome), icon: 'none' });
      } finally {
        state.paying = false;
      }
    },

    onRefresh() {
      this.check(1, '支付未完成');
    },

    /** The order's page: back to it when the payment started there (it reloads on show), else in place of this one. */
    onViewOrder() {
      if (local(this).backToOrder) wx.navigateBack({ delta: 1 });
      else wx.redirectTo({ url: `/pages/order/index?id=${encodeURIComponent(local(this).orderId)}` });
    },

    onHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
