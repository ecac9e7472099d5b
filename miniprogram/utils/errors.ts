/** A short line for the shopper from a failed call (an ApiFailure or anything thrown). */
const TEXT: Record<string, string> = {
  NETWORK: '网络不给力，请检查网络后重试',
  BAD_RESPONSE: '服务暂时不可用，请稍后重试',
  INTERNAL: '服务开小差了，请稍后重试',
  UNAUTHENTICATED: '请先登录',
  NOT_STAFF: '仅限店员使用',
  FORBIDDEN: '你的角色无权进行此操作',
  PRODUCT_NOT_FOUND: '商品不存在或已下架',
  CATEGORY_NOT_FOUND: '分类不存在',
  SKU_UNAVAILABLE: '商品已下架或已失效',
  OUT_OF_STOCK: '库存不足',
  CART_FULL: '购物车已满，最多 50 种商品',
  CART_ITEM_NOT_FOUND: '购物车里没有这件商品了',
  ADDRESS_NOT_FOUND: '收货地址不存在，请重新选择',
  ADDRESS_LIMIT: '最多保存 20 个收货地址',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_STATE_INVALID: '订单状态已变化，请刷新后再试',
  ORDER_EXPIRED: '订单已超时，请重新下单',
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_NOT_APPLICABLE: '优惠券不适用于当前订单',
  PAYMENT_UNAVAILABLE: '支付暂不可用，请稍后重试',
  REQUEST_IN_PROGRESS: '正在处理，请稍候',
  INVALID_INPUT: '填写的信息有误，请检查后重试',
  LIVE_NOT_FOUND: '直播不存在或已下线',
  LIVE_ENDED: '直播已结束',
  CARD_NOT_FOUND: '该商品已不在直播间',
  QUESTION_NOT_FOUND: '问题不存在',
  QUESTION_LIMIT: '你已有 5 个问题待回答，稍后再问吧',
  POST_NOT_FOUND: '内容不存在或已下线',
  COUPON_SOLD_OUT: '券已抢光',
  COUPON_LIMIT_REACHED: '你已领过这张券',
  COUPON_NOT_ELIGIBLE: '暂不满足领取条件',
  COUPON_NOT_STARTED: '还没到领取时间',
  COUPON_ENDED: '领取已结束',
  RAFFLE_NOT_FOUND: '抽奖不存在',
  RAFFLE_CLOSED: '本轮抽奖已截止',
  RAFFLE_NOT_ELIGIBLE: '开播前预约或加入粉丝群后可参与',
  RAFFLE_ALREADY_WON: '你已中过奖啦',
  RAFFLE_NOT_DRAWN: '本轮还没有开奖',
  PRIZE_NOT_FOUND: '没有找到这份奖品',
  PRIZE_STATE_INVALID: '这份奖品不需要填写地址',
  PRIZE_CLAIM_EXPIRED: '已超过 7 天领奖期限，奖品已失效',
  INSUFFICIENT_POINTS: '积分不足，无法兑换',
  REWARD_NOT_FOUND: '该兑换商品已下架',
  REWARD_SOLD_OUT: '该兑换商品已兑完',
};

export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'NETWORK';
}

export function errorText(e: unknown): string {
  const code = errorCode(e);
  if (TEXT[code]) return TEXT[code];
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : TEXT.INTERNAL;
}
