import { yuan } from '../../utils/money';

/** A price in yuan with two decimals; the list price struck through when it is higher. */
Component({
  properties: {
    /** price in fen */
    fen: { type: Number, value: 0 },
    /** list price in fen; shown only when above `fen` */
    original: { type: Number, value: 0 },
    size: { type: String, value: 'm' },
  },
  data: {
    text: '0.00',
    originalText: '',
  },
  observers: {
    'fen, original'(fen: number, original: number) {
      this.render(fen, original);
    },
  },
  lifetimes: {
    attached() {
      this.render(this.data.fen, this.data.original);
    },
  },
  methods: {
    render(fen: number, original: number) {
      const text = yuan(fen);
      const originalText = original > fen ? yuan(original) : '';
      if (text !== this.data.text || originalText !== this.data.originalText) this.setData({ text, originalText });
    },
  },
});
