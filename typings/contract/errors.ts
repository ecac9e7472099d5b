import { MAX_ADDRESSES, MAX_CART_LINES, MAX_OPEN_QUESTIONS, POSTLIVE_WINDOW_HOURS, PRIZE_CLAIM_DAYS } from './limits';

/**
 * Every error code a function may return, with the default message the server sends with it.
 * The one list: the server imports it; the mini program imports its type, and its Chinese texts
 * (ERROR_TEXTS) through miniprogram/utils/generated/errors.ts.
 */
export const ERROR_CODES = {
  // kernel
  INVALID_INPUT: 'The request is not valid',
  UNKNOWN_ACTION: 'Unknown action',
  UNKNOWN_FUNCTION: 'Unknown function',
  UNAUTHENTICATED: 'Sign-in required',
  NOT_STAFF: 'Staff only',
  FORBIDDEN: 'Your role may not do this',
  NOT_FOUND: 'Not found',
  IDEMPOTENCY_CONFLICT: 'This request id was already used with a different body',
  REQUEST_IN_PROGRESS: 'The same request is still being processed',
  RATE_LIMITED: 'Too many of these requests in a short time; try again in a minute',
  INTERNAL: 'Something went wrong, please try again',
  // catalog
  PRODUCT_NOT_FOUND: 'Product not found',
  // cart, addresses, orders, payment
  SKU_UNAVAILABLE: 'This item is no longer on sale',
  OUT_OF_STOCK: 'Not enough stock',
  SKU_IN_STOCK: 'This item is in stock: buy it now',
  PURCHASE_LIMIT_EXCEEDED: 'More than one shopper may buy of this item',
  CHECKOUT_EXPIRED: 'The order took too long to place, please submit again',
  CART_FULL: 'Your cart is full',
  CART_ITEM_NOT_FOUND: 'This item is not in your cart',
  ADDRESS_NOT_FOUND: 'Address not found',
  ADDRESS_LIMIT: 'Address book is full',
  ORDER_NOT_FOUND: 'Order not found',
  ORDER_STATE_INVALID: 'The order cannot do that in its current state',
  COURIER_UNKNOWN: 'Choose a carrier from the list',
  RESHIP_USED: 'WeChat takes one correction of a reported shipment, and this one was made',
  RECEIPT_REMINDED: 'The buyer was already reminded to confirm receipt of this order',
  PHONE_CODE_INVALID: 'WeChat did not take this phone code (used, expired or unknown); tap again',
  FILE_INVALID: 'The file is missing, too large, or not a PNG, JPEG or WebP image',
  SHIPPING_UNAVAILABLE: "WeChat's shipping service did not answer; try again",
  REFUND_LINES_INVALID: 'A refund line is not in the order, or asks for more units than are left to refund',
  REFUND_IN_PROGRESS: 'A refund of this order is still with the payment platform; wait for it to settle',
  AFTERSALE_NOT_FOUND: 'After-sale application not found',
  AFTERSALE_NOT_ALLOWED: 'This line cannot be asked about that now (its state, the window after receipt, or the units left)',
  AFTERSALE_OPEN: 'This line already has an open after-sale application',
  AFTERSALE_STATE_INVALID: 'The after-sale application cannot do that in its current state',
  REVIEW_NOT_ALLOWED: 'This line cannot be reviewed (the order is not received, or the line is not in it)',
  REVIEW_EXISTS: 'This line already has a review',
  REVIEW_TEXT_REFUSED: "WeChat's content check refused the text; please change it",
  REVIEW_NOT_FOUND: 'Review not found',
  NICKNAME_REFUSED: "WeChat's content check refused the nickname; please choose another",
  ORDER_EXPIRED: 'The order has expired',
  COUPON_NOT_FOUND: 'Coupon not found',
  PAYMENT_UNAVAILABLE: 'Payment is not available right now, please try again',
  // live
  LIVE_NOT_FOUND: 'Live not found',
  LIVE_ENDED: 'This live has ended',
  CARD_NOT_FOUND: 'This product card is not in the live',
  QUESTION_NOT_FOUND: 'Question not found',
  QUESTION_LIMIT: 'You have asked enough questions for now',
  POST_NOT_FOUND: 'Post not found',
  // staff
  INVITE_INVALID: 'This staff invitation is not valid or was already used',
  ALREADY_STAFF: 'You are already staff',
  LAST_OWNER: 'The shop must keep at least one owner',
  SKU_NOT_FOUND: 'SKU not found',
  STOCK_NEGATIVE: 'Stock cannot go below zero',
  // referral
  REFERRAL_CODE_NOT_FOUND: 'This invite code is not valid',
  REFERRAL_SELF: 'You cannot use your own invite code',
  REFERRAL_CYCLE: 'You invited this person yourself',
  REFERRAL_ALREADY_BOUND: 'You were already invited by someone',
  REFERRAL_WINDOW_CLOSED: 'Invite codes only count for new members',
  FISSION_TASK_NOT_FOUND: 'Task not found',
  FISSION_LOCKED: 'Invite more friends to unlock the gift',
  FISSION_GIFT_SOLD_OUT: 'All gifts have been claimed',
  // coupons, points, rewards
  COUPON_SOLD_OUT: 'All of these coupons have been claimed',
  COUPON_LIMIT_REACHED: 'You have claimed as many of these coupons as allowed',
  COUPON_NOT_STARTED: 'This coupon cannot be claimed yet',
  COUPON_ENDED: 'This coupon can no longer be claimed',
  COUPON_NOT_ELIGIBLE: 'This coupon is not available to you',
  COUPON_NOT_APPLICABLE: 'This coupon cannot be used on this order',
  COUPON_TEMPLATE_INVALID: 'The coupon settings do not fit together',
  INSUFFICIENT_POINTS: 'Not enough points',
  REWARD_NOT_FOUND: 'Reward not found',
  REWARD_SOLD_OUT: 'This reward is sold out',
  REWARD_INVALID: 'The reward settings do not fit together',
  // raffles
  RAFFLE_NOT_FOUND: 'Raffle not found',
  RAFFLE_INVALID: 'The raffle settings do not fit together',
  RAFFLE_CLOSED: 'This raffle is not taking entries now',
  RAFFLE_NOT_ELIGIBLE: 'You cannot enter this raffle yet',
  RAFFLE_ALREADY_WON: 'You have already won in this raffle',
  RAFFLE_NOT_DRAWN: 'This draw has not happened yet',
  PRIZE_NOT_FOUND: 'Prize not found',
  PRIZE_STATE_INVALID: 'This prize cannot do that now',
  PRIZE_CLAIM_EXPIRED: 'The time to claim this prize has passed',
  // after the live, tags, SOP
  LIVE_NOT_ENDED: 'The live has not ended yet',
  POSTLIVE_WINDOW_CLOSED: 'More than 24 hours have passed since the live ended',
  TAG_RULE_NOT_FOUND: 'Tag rule not found',
  SOP_RULE_NOT_FOUND: 'SOP rule not found',
  STAFF_TASK_NOT_FOUND: 'Task not found',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The line the mini program shows a shopper or staff member for each code, in Chinese. Every code
 * has one; scripts/gen-client-tables.ts copies them into the mini program.
 */
export const ERROR_TEXTS: Record<ErrorCode, string> = {
  // kernel
  INVALID_INPUT: '填写的信息有误，请检查后重试',
  UNKNOWN_ACTION: '当前版本暂不支持此操作，请更新小程序后重试',
  UNKNOWN_FUNCTION: '当前版本暂不支持此操作，请更新小程序后重试',
  UNAUTHENTICATED: '请先登录',
  NOT_STAFF: '仅限店员使用',
  FORBIDDEN: '你的角色无权进行此操作',
  NOT_FOUND: '记录不存在',
  IDEMPOTENCY_CONFLICT: '请求内容已变化，请刷新后重试',
  REQUEST_IN_PROGRESS: '正在处理，请稍候',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  INTERNAL: '服务开小差了，请稍后重试',
  // catalog
  PRODUCT_NOT_FOUND: '商品不存在或已下架',
  // cart, addresses, orders, payment
  SKU_UNAVAILABLE: '商品已下架或已失效',
  OUT_OF_STOCK: '库存不足',
  SKU_IN_STOCK: '该规格有货，可直接购买',
  PURCHASE_LIMIT_EXCEEDED: '超出每人限购数量',
  CHECKOUT_EXPIRED: '下单超时，请重新提交',
  CART_FULL: `购物车已满，最多 ${MAX_CART_LINES} 种商品`,
  CART_ITEM_NOT_FOUND: '购物车里没有这件商品了',
  ADDRESS_NOT_FOUND: '收货地址不存在，请重新选择',
  ADDRESS_LIMIT: `最多保存 ${MAX_ADDRESSES} 个收货地址`,
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_STATE_INVALID: '订单状态已变化，请刷新后再试',
  COURIER_UNKNOWN: '请从列表中选择快递公司',
  RESHIP_USED: '物流信息已修改过一次，微信只允许修改一次',
  RECEIPT_REMINDED: '已提醒过买家确认收货，每单只能提醒一次',
  PHONE_CODE_INVALID: '手机号授权已失效，请重新点击获取',
  FILE_INVALID: '图片无效：请上传 PNG、JPEG 或 WebP，且不超过大小限制',
  SHIPPING_UNAVAILABLE: '微信发货服务暂不可用，请稍后重试',
  REFUND_LINES_INVALID: '退款商品或数量不对，请刷新后重选',
  REFUND_IN_PROGRESS: '上一笔退款还在处理中，请等它完成后再退',
  AFTERSALE_NOT_FOUND: '售后申请不存在',
  AFTERSALE_NOT_ALLOWED: '该商品现在不能申请这项售后，请刷新后再试',
  AFTERSALE_OPEN: '该商品已有进行中的售后申请',
  AFTERSALE_STATE_INVALID: '售后状态已变化，请刷新后再试',
  REVIEW_NOT_ALLOWED: '确认收货后才能评价这件商品',
  REVIEW_EXISTS: '这件商品已经评价过了',
  REVIEW_TEXT_REFUSED: '评价内容未通过安全检测，请修改后再提交',
  REVIEW_NOT_FOUND: '评价不存在',
  NICKNAME_REFUSED: '昵称未通过安全检测，请换一个',
  ORDER_EXPIRED: '订单已超时，请重新下单',
  COUPON_NOT_FOUND: '优惠券不存在',
  PAYMENT_UNAVAILABLE: '支付暂不可用，请稍后重试',
  // live
  LIVE_NOT_FOUND: '直播不存在或已下线',
  LIVE_ENDED: '直播已结束',
  CARD_NOT_FOUND: '该商品已不在直播间',
  QUESTION_NOT_FOUND: '问题不存在',
  QUESTION_LIMIT: `你已有 ${MAX_OPEN_QUESTIONS} 个问题待回答，稍后再问吧`,
  POST_NOT_FOUND: '内容不存在或已下线',
  // staff
  INVITE_INVALID: '邀请码无效、已过期或已被使用',
  ALREADY_STAFF: '你已经是店员了',
  LAST_OWNER: '至少要保留一位店主',
  SKU_NOT_FOUND: '规格不存在',
  STOCK_NEGATIVE: '库存不能小于 0',
  // referral
  REFERRAL_CODE_NOT_FOUND: '邀请码无效',
  REFERRAL_SELF: '不能使用自己的邀请码',
  REFERRAL_CYCLE: '对方是你邀请的好友，不能再邀请你',
  REFERRAL_ALREADY_BOUND: '你已经接受过好友的邀请',
  REFERRAL_WINDOW_CLOSED: '邀请码仅对新用户有效',
  FISSION_TASK_NOT_FOUND: '邀请任务不存在',
  FISSION_LOCKED: '还差几位好友，继续邀请吧',
  FISSION_GIFT_SOLD_OUT: '奖励已领完',
  // coupons, points, rewards
  COUPON_SOLD_OUT: '券已抢光',
  COUPON_LIMIT_REACHED: '你已领过这张券',
  COUPON_NOT_STARTED: '还没到领取时间',
  COUPON_ENDED: '领取已结束',
  COUPON_NOT_ELIGIBLE: '暂不满足领取条件',
  COUPON_NOT_APPLICABLE: '优惠券不适用于当前订单',
  COUPON_TEMPLATE_INVALID: '券的设置有冲突',
  INSUFFICIENT_POINTS: '积分不足，无法兑换',
  REWARD_NOT_FOUND: '该兑换商品已下架',
  REWARD_SOLD_OUT: '该兑换商品已兑完',
  REWARD_INVALID: '兑换商品的设置有冲突',
  // raffles
  RAFFLE_NOT_FOUND: '抽奖不存在',
  RAFFLE_INVALID: '抽奖设置有误',
  RAFFLE_CLOSED: '本轮抽奖已截止',
  RAFFLE_NOT_ELIGIBLE: '开播前预约或加入粉丝群后可参与',
  RAFFLE_ALREADY_WON: '你已中过奖啦',
  RAFFLE_NOT_DRAWN: '本轮还没有开奖',
  PRIZE_NOT_FOUND: '没有找到这份奖品',
  PRIZE_STATE_INVALID: '这份奖品不需要填写地址',
  PRIZE_CLAIM_EXPIRED: `已超过 ${PRIZE_CLAIM_DAYS} 天领奖期限，奖品已失效`,
  // after the live, tags, SOP
  LIVE_NOT_ENDED: '直播还没有结束',
  POSTLIVE_WINDOW_CLOSED: `直播结束已超过 ${POSTLIVE_WINDOW_HOURS} 小时，不能再跟进`,
  TAG_RULE_NOT_FOUND: '标签规则不存在',
  SOP_RULE_NOT_FOUND: 'SOP 规则不存在',
  STAFF_TASK_NOT_FOUND: '跟进任务不存在',
};

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** dotted path of the offending input field, for INVALID_INPUT */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
