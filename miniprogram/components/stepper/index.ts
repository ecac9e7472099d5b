/** `change` detail: the new value, sent only when the value really changes. */
export interface StepperChange {
  value: number;
}

/** `overlimit` detail: a tap that would leave [min, max]; the value stays. */
export interface StepperOverlimit {
  type: 'plus' | 'minus';
}

/**
 * A quantity stepper. Controlled: the parent passes `value` and applies `change`; the stepper
 * never goes past `min`/`max` and reports the attempt as `overlimit` instead.
 */
Component({
  properties: {
    value: { type: Number, value: 1 },
    min: { type: Number, value: 1 },
    max: { type: Number, value: 999 },
    disabled: { type: Boolean, value: false },
  },
  methods: {
    step(type: 'plus' | 'minus') {
      if (this.data.disabled) return;
      const { value, min, max } = this.data;
      const next = type === 'plus' ? value + 1 : value - 1;
      if (next > max || next < min) {
        const detail: StepperOverlimit = { type };
        this.triggerEvent('overlimit', detail);
        return;
      }
      const detail: StepperChange = { value: next };
      this.triggerEvent('change', detail);
    },
    onMinus() {
      this.step('minus');
    },
    onPlus() {
      this.step('plus');
    },
  },
});
