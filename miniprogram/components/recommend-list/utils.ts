import type { RecommendationReason } from '../../../typings/contract/index';

/** Why a product is recommended, as the shopper reads it. */
export function reasonText(reason: RecommendationReason): string {
  switch (reason.kind) {
    case 'bought_with':
      return reason.title ? `因为你买过「${reason.title}」` : '和你买过的商品很搭';
    case 'category':
      return reason.name ? `你常看的${reason.name}` : '你可能喜欢';
    case 'live':
      return '直播间同款';
    default:
      return '热销好物';
  }
}
