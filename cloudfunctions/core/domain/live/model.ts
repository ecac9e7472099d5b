import type { BaseDoc } from '../../ports';
import type { LiveState } from '../../../../typings/contract';

/** A product card featured in a live: the product at its live price. */
export interface LiveCard {
  cardId: string;
  productId: string;
  livePriceFen: number;
  order: number;
}

export interface LiveDoc extends BaseDoc {
  title: string;
  cover: string;
  startAt: number;
  endAt: number;
  /** set when staff start or end the live by hand; otherwise state follows the times */
  manualState?: LiveState;
  /** where the stream is watched: Channels (视频号) finder user name and reservation notice id */
  channelsFinderUserName?: string;
  channelsNoticeId?: string;
  cards: LiveCard[];
  createdAt: number;
}
