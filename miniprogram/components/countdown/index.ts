import { formatCountdown } from '../../utils/time';

/** `finish` detail: the target time that was reached. */
export interface CountdownFinish {
  target: number;
}

const TICK_MS = 1000;

/** Module-level so timer handles never travel through setData. */
const timers = new WeakMap<object, number>();
const attachedInstances = new WeakSet<object>();

/**
 * Counts down to `target` (epoch ms), once a second. Fires `finish` once when it reaches zero;
 * the timer stops on finish, on a new target and on detach.
 */
Component({
  properties: {
    target: { type: Number, value: 0 },
  },
  data: {
    text: '00:00:00',
  },
  observers: {
    target() {
      if (attachedInstances.has(this)) this.start();
    },
  },
  lifetimes: {
    attached() {
      attachedInstances.add(this);
      this.start();
    },
    detached() {
      attachedInstances.delete(this);
      this.stop();
    },
  },
  methods: {
    start() {
      this.stop();
      this.tick();
    },
    stop() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },
    tick() {
      const target = this.data.target;
      const remaining = target - Date.now();
      const text = formatCountdown(remaining);
      if (text !== this.data.text) this.setData({ text });
      if (remaining <= 0) {
        timers.delete(this);
        if (target > 0) {
          const detail: CountdownFinish = { target };
          this.triggerEvent('finish', detail);
        }
        return;
      }
      // wake on the next whole second of the remaining time
      const delay = remaining % TICK_MS || TICK_MS;
      timers.set(this, setTimeout(() => this.tick(), delay) as unknown as number);
    },
  },
});
