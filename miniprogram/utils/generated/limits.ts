// Generated from typings/contract/limits.ts by scripts/gen-client-tables.ts.
// Do not edit: change the server's source, then run `npm run gen:client-tables`.

/** Lines one cart holds; adding another is CART_FULL. */
export const MAX_CART_LINES = 50;

/** Lines one order (preview or checkout) takes. */
export const MAX_ORDER_LINES = 50;

/** Units of one SKU on one cart or order line. */
export const MAX_LINE_QUANTITY = 999;

/** Addresses one user may keep; saving another is ADDRESS_LIMIT. */
export const MAX_ADDRESSES = 20;

/** Characters of an address's recipient name. */
export const ADDRESS_NAME_MAX_CHARS = 20;

/** Characters of an address's street line. */
export const ADDRESS_DETAIL_MAX_CHARS = 120;

/** Coupons on one order: one that does not stack, plus stackable ones. */
export const MAX_COUPONS_PER_ORDER = 3;

/** Unanswered questions one viewer may have in one live; asking another is QUESTION_LIMIT. */
export const MAX_OPEN_QUESTIONS = 5;

/** Characters of a question to the host, at least. */
export const QUESTION_MIN_CHARS = 2;

/** Characters of a question to the host, at most. */
export const QUESTION_MAX_CHARS = 140;

/** Viewing events in one tracking batch. */
export const MAX_TRACK_EVENTS = 100;

/** Draws in one raffle. */
export const MAX_SLOTS = 48;

/** Prize units awarded in one draw. */
export const MAX_UNITS_PER_DRAW = 100;

/** Days a winner of a goods prize has to give a delivery address; after that PRIZE_CLAIM_EXPIRED. */
export const PRIZE_CLAIM_DAYS = 7;

/** Hours after a live's end during which its post-live job may run; after that POSTLIVE_WINDOW_CLOSED. */
export const POSTLIVE_WINDOW_HOURS = 24;

/** Days one metrics range query may span. */
export const MAX_RANGE_DAYS = 92;

/** One-time subscribe consents one user may bank per template; accepting beyond it adds nothing. */
export const MAX_CONSENT_CREDITS = 20;

/** 直播优先入场: members with priority access claim a live's live-only coupons this many minutes before it starts */
export const PRIORITY_LEAD_MINUTES = 10;

/** Products one shopper's 足迹 keeps: viewing another drops the one viewed longest ago. */
export const BROWSE_HISTORY_KEPT = 100;

/** Photos one review (晒单) carries. */
export const MAX_REVIEW_PHOTOS = 6;

/** Characters of one review's text. */
export const REVIEW_TEXT_MAX_CHARS = 500;

/** Points a review earns once, when its text has at least REVIEW_POINTS_MIN_CHARS characters, until the shop sets its own rule. */
export const REVIEW_POINTS = 10;

export const REVIEW_POINTS_MIN_CHARS = 10;

/** The most points a shop's review rule may give. */
export const REVIEW_POINTS_MAX = 100;

/** The longest after-sale window (售后时限) a shop or a product may set, in days after receipt. */
export const AFTER_SALE_DAYS_MAX = 30;

/** The longest a shop may wait after delivery before a shipped order completes by itself; shipped orders complete 15 days after shipping in any case. */
export const AUTO_COMPLETE_DAYS_MAX = 14;

/** Images one product shows (the first is its cover). */
export const MAX_PRODUCT_IMAGES = 9;

/** Spec groups (规格, e.g. 色号 and 容量) one product has. */
export const MAX_SPEC_GROUPS = 3;

/** Values one spec group offers. */
export const MAX_SPEC_VALUES = 20;

/** SKUs one product has: every combination of its spec values. */
export const MAX_SKUS = 100;

/** Home banners the shop keeps; the home page shows the first five. */
export const MAX_BANNERS = 10;

/** Customers one page of the staff customer list shows. */
export const CUSTOMERS_PAGE = 20;

/** The most one staff points adjustment may add or take. */
export const MAX_POINTS_ADJUSTMENT = 100000;

/** Days a tag staff add by hand lasts unless they say otherwise. */
export const MANUAL_TAG_DAYS = 365;

/** Rows one export step reads and writes. */
export const EXPORT_PAGE_ROWS = 500;

/** Rows one export may hold; a larger one is refused: narrow the filters. */
export const MAX_EXPORT_ROWS = 100000;

/** Days an export's file is kept before the daily purge removes it. */
export const EXPORT_KEEP_DAYS = 7;
