import { checkoutSource, checkoutUrl, orderAttribution, orderSource, parseCheckoutItems } from '../../../miniprogram/utils/checkout-link';

describe('checkout links', () => {
  it('round-trips the lines and the attribution through the query', () => {
    const url = checkoutUrl(
      [
        { skuId: 'p-foundation-2', quantity: 2 },
        { skuId: 'p-brow-1', quantity: 1 },
      ],
      { fromCart: true, attribution: { source: 'live_card', liveId: 'live-tonight', cardId: 'card-1', inviteCode: 'AbC123', share: 'Sh4r3' } },
    );
    expect(url).toBe('/pages/checkout/index?items=p-foundation-2%3A2%2Cp-brow-1%3A1&from=cart&live=live-tonight&card=card-1&code=AbC123&share=Sh4r3');
    const query = Object.fromEntries(url.split('?')[1].split('&').map((kv) => kv.split('=')));
    expect(parseCheckoutItems(query.items)).toEqual([
      { skuId: 'p-foundation-2', quantity: 2 },
      { skuId: 'p-brow-1', quantity: 1 },
    ]);
    expect(checkoutSource(query, null)).toEqual({ kind: 'live_card', liveId: 'live-tonight', cardId: 'card-1', inviteCode: 'AbC123', shareCode: 'Sh4r3' });
  });

  it('reads decoded lines too, and refuses the whole list when any part is malformed', () => {
    expect(parseCheckoutItems('a-1:1,b-2:999')).toEqual([
      { skuId: 'a-1', quantity: 1 },
      { skuId: 'b-2', quantity: 999 },
    ]);
    for (const bad of ['', 'a-1', 'a-1:0', 'a-1:1000', 'a-1:1.5', 'a-1:1:2', 'a 1:1', 'a-1:1,', ':1', undefined, 42]) {
      expect(parseCheckoutItems(bad)).toEqual([]);
    }
    expect(parseCheckoutItems(Array.from({ length: 51 }, (_, i) => `s-${i}:1`).join(','))).toEqual([]);
  });

  it("uses the page's own attribution, keeping the session's invite and share codes; else the session's", () => {
    const live = { source: 'live_card' as const, liveId: 'l-1', cardId: 'c-1' };
    const invite = { source: 'invite' as const, inviteCode: 'AbC123' };
    expect(orderAttribution(live, invite)).toEqual({ ...live, inviteCode: 'AbC123' });
    expect(orderAttribution({ source: 'organic' }, invite)).toEqual(invite);
    expect(orderAttribution({ source: 'organic' }, null)).toEqual({ source: 'organic' });
    expect(orderAttribution({ source: 'share', share: 'x1' }, { source: 'share', share: 'y2' })).toEqual({ source: 'share', share: 'x1' });
  });

  it('maps an attribution to the order source, leaving out codes the API would refuse and custom params', () => {
    expect(orderSource({ source: 'organic', customParams: { a: '1' } })).toEqual({ kind: 'organic' });
    expect(orderSource({ source: 'invite', inviteCode: 'x'.repeat(33) })).toEqual({ kind: 'invite' });
    expect(orderSource({ source: 'share', share: 'Sh4r3' })).toEqual({ kind: 'share', shareCode: 'Sh4r3' });
  });
});
