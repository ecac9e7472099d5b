/**
 * Every error code a function may return, with the default message shown to users.
 * The one list: the server imports it, the mini program imports its type only.
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
  INTERNAL: 'Something went wrong, please try again',
  // catalog
  PRODUCT_NOT_FOUND: 'Product not found',
  CATEGORY_NOT_FOUND: 'Category not found',
  // cart, addresses, orders, payment
  SKU_UNAVAILABLE: 'This item is no longer on sale',
  OUT_OF_STOCK: 'Not enough stock',
  CART_FULL: 'Your cart is full',
  CART_ITEM_NOT_FOUND: 'This item is not in your cart',
  ADDRESS_NOT_FOUND: 'Address not found',
  ADDRESS_LIMIT: 'Address book is full',
  ORDER_NOT_FOUND: 'Order not found',
  ORDER_STATE_INVALID: 'The order cannot do that in its current state',
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

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** dotted path of the offending input field, for INVALID_INPUT */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
