import type { BannerView } from '../../utils';

/** `open` detail: the broadcast the viewer tapped, with the card or coupon it is about ('' for none). */
export interface RoomBannerOpen {
  id: string;
  cardId: string;
  couponTemplateId: string;
}

/** `close` detail: the broadcast the viewer closed. */
export interface RoomBannerClose {
  id: string;
}

/**
 * The staff broadcast on top of the room (notice, stock warning, re-run, coupon drop). The page
 * picks which one shows and for how long; a tap opens what it is about, × closes it.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    banner: { type: Object, value: null as BannerView | null },
  },
  methods: {
    onTap() {
      const banner = this.data.banner as BannerView | null;
      if (!banner) return;
      const detail: RoomBannerOpen = { id: banner.id, cardId: banner.cardId, couponTemplateId: banner.couponTemplateId };
      this.triggerEvent('open', detail);
    },
    onClose() {
      const banner = this.data.banner as BannerView | null;
      if (!banner) return;
      const detail: RoomBannerClose = { id: banner.id };
      this.triggerEvent('close', detail);
    },
  },
});
