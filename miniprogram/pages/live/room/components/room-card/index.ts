import type { RoomCardView } from '../../utils';

/** `select` detail: the card the viewer tapped (opens its product). */
export interface RoomCardSelect {
  cardId: string;
  productId: string;
}

/** `consult` detail: the viewer opened one-to-one consultation about the card. */
export interface RoomCardConsult {
  cardId: string;
}

/**
 * A product card in the companion room: live price, stock bar with a low-stock warning, the
 * "back in mm:ss" countdown the page ticks, and a consult button on high-price cards.
 */
Component({
  properties: {
    card: { type: Object, value: null as RoomCardView | null },
    liveId: { type: String, value: '' },
  },
  methods: {
    onTap() {
      const card = this.data.card as RoomCardView | null;
      if (!card) return;
      const detail: RoomCardSelect = { cardId: card.cardId, productId: card.productId };
      this.triggerEvent('select', detail);
    },
    onConsult() {
      const card = this.data.card as RoomCardView | null;
      if (!card) return;
      const detail: RoomCardConsult = { cardId: card.cardId };
      this.triggerEvent('consult', detail);
    },
  },
});
