import type { MyReview, Review, StaffReview } from '../../../../typings/contract';
import type { Ctx } from '../../kernel/define';
import { maskName } from '../../kernel/mask';
import type { ReviewDoc } from '../../schema';

/** A review as anyone sees it: masked or anonymous author, photos as URLs. */
export async function reviewView(ctx: Pick<Ctx, 'storage'>, r: ReviewDoc): Promise<Review> {
  return {
    _id: r._id,
    productId: r.productId,
    skuId: r.skuId,
    specs: r.specs,
    rating: r.rating,
    text: r.text,
    photos: await Promise.all(r.photos.map((f) => ctx.storage.url(f))),
    author: r.anonymous ? '匿名用户' : maskName(r.nickname, 'ends'),
    anonymous: r.anonymous,
    reply: r.reply,
    createdAt: r.createdAt,
  };
}

export async function myReviewView(ctx: Pick<Ctx, 'storage'>, r: ReviewDoc): Promise<MyReview> {
  return { ...(await reviewView(ctx, r)), orderId: r.orderId, title: r.title, state: r.state, points: r.points };
}

export async function staffReviewView(ctx: Pick<Ctx, 'storage'>, r: ReviewDoc): Promise<StaffReview> {
  return { ...(await myReviewView(ctx, r)), check: r.checks };
}
