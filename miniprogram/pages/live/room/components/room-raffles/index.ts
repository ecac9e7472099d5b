import { recordConsents } from '../../../../../services/live';
import { enterRaffle } from '../../../../../services/raffle';
import type { ConsentAnswer } from '../../../../../utils/channels';
import { accepted, askConsents } from '../../../../../utils/consents';
import { errorCode, errorText } from '../../../../../utils/errors';
import { instanceState } from '../../../../../utils/instance-state';
import type { RaffleView } from '../../utils';

/** `entry` detail: the raffle an entry was sent for, once it was answered (entered or refused): the list has changed. */
export interface RoomRafflesEntry {
  raffleId: string;
}

/** Raffle entries on the way, by raffle id. */
const local = instanceState(() => ({ entering: new Set<string>() }));

/**
 * 直播间抽奖: the live's raffles with their prizes, next draw, entry count and what the viewer still
 * needs to enter; a raffle opens its own page, and an open one can be entered from here.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    raffles: { type: Array, value: [] as RaffleView[] },
  },
  methods: {
    /** The raffle's own page: next draw, past winners and the verify view. */
    onOpenRaffle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) void wx.navigateTo({ url: `/pages/raffle/index?id=${id}` });
    },

    /**
     * Enter, as the raffle's page does: the result-notice consent is asked first, synchronously in
     * the tap (WeChat shows the dialog only for a user gesture), and recorded once the entry stands.
     * A viewer the list says may not enter yet is asked nothing; the server decides all the same.
     */
    onEnterRaffle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      const raffle = (this.data.raffles as RaffleView[]).find((r) => r.raffleId === id);
      const entering = local(this).entering;
      if (!raffle || raffle.entered || !raffle.open || entering.has(id)) return;
      entering.add(id);
      const consents = raffle.eligible ? askConsents('raffleEntry') : Promise.resolve({} as Record<string, ConsentAnswer>);
      void this.enter(raffle, consents);
    },

    async enter(raffle: RaffleView, consentsAsked: Promise<Record<string, ConsentAnswer>>): Promise<void> {
      const consents = await consentsAsked;
      try {
        await enterRaffle(raffle.raffleId);
        // each accept is one result notice the server may send
        if (Object.keys(consents).length) await recordConsents(consents).catch(() => undefined);
        const notified = accepted(consents, 'raffleResult');
        wx.showToast({ title: notified ? '已参与，开奖结果会通知你' : '已参与，记得回来看开奖', icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorCode(err) === 'RAFFLE_NOT_ELIGIBLE' ? raffle.hint || errorText(err) : errorText(err), icon: 'none' });
      } finally {
        local(this).entering.delete(raffle.raffleId);
      }
      const detail: RoomRafflesEntry = { raffleId: raffle.raffleId };
      this.triggerEvent('entry', detail);
    },
  },
});
