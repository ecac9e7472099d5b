import { raffleActions } from '../modules/raffle';
import { drawDueRaffles } from '../flows/raffle-draw';
import { expireUnclaimedPrizes } from '../modules/raffle';
import { defineFunction } from '../kernel/define';

/** Raffles for shoppers: enter, see, verify draws, claim prizes; the draws themselves run on the timer. */
export const raffle = defineFunction('raffle', { ...raffleActions }, {
  drawRaffles: (ctx) => drawDueRaffles(ctx),
  expireRafflePrizes: (ctx) => expireUnclaimedPrizes(ctx),
});
