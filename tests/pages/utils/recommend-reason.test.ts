import { reasonText } from '../../../miniprogram/components/recommend-list/utils';

describe('recommendation reasons as the shopper reads them', () => {
  it.each([
    [{ kind: 'bought_with', productId: 'p-foundation', title: '柔雾持妆粉底液' }, '因为你买过「柔雾持妆粉底液」'],
    [{ kind: 'bought_with', productId: 'p-x', title: '' }, '和你买过的商品很搭'],
    [{ kind: 'category', categoryId: 'cat-skincare', name: '护肤' }, '你常看的护肤'],
    [{ kind: 'category', categoryId: 'cat-x', name: '' }, '你可能喜欢'],
    [{ kind: 'live', liveId: 'live-tonight', title: '底妆专场' }, '直播间同款'],
    [{ kind: 'popular' }, '热销好物'],
  ] as const)('%j → %s', (reason, expected) => {
    expect(reasonText(reason)).toBe(expected);
  });
});
