import {
  SCENE_MAX_LENGTH,
  buildScene,
  codeToResolve,
  isShareCode,
  mergeAttribution,
  missingTargetState,
  parseAttribution,
  parseCustomParams,
  parseEntry,
  parseScene,
  sharerCode,
  withResolution,
} from '../../../miniprogram/utils/attribution';

describe('entry attribution', () => {
  it('reads a live card path: product, live and card', () => {
    expect(parseEntry({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' })).toEqual({
      productId: 'p-foundation',
      attribution: { liveId: 'live-tonight', cardId: 'card-1', source: 'live_card' },
    });
  });

  it('reads an inviter code and a share code', () => {
    expect(parseAttribution({ code: 'AbC123' })).toEqual({ inviteCode: 'AbC123', source: 'invite' });
    expect(parseAttribution({ share: 'Sh4re' })).toEqual({ share: 'Sh4re', source: 'share' });
    // a live card outranks an invite as the source; both are kept
    expect(parseAttribution({ code: 'AbC123', live: 'l1', card: 'card-1' })).toEqual({ liveId: 'l1', cardId: 'card-1', inviteCode: 'AbC123', source: 'live_card' });
    // a live link without a card (a schedule or invite page) is not a card tap
    expect(parseAttribution({ code: 'AbC123', live: 'l1' })).toEqual({ liveId: 'l1', inviteCode: 'AbC123', source: 'invite' });
    expect(parseAttribution({ live: 'l1' })).toEqual({ liveId: 'l1', source: 'organic' });
  });

  it('is organic with nothing to read', () => {
    expect(parseEntry({})).toEqual({ attribution: { source: 'organic' } });
    expect(parseEntry(undefined)).toEqual({ attribution: { source: 'organic' } });
    expect(parseEntry(null)).toEqual({ attribution: { source: 'organic' } });
  });

  it('drops values that are not id-shaped', () => {
    expect(parseEntry({ id: '../etc', live: 'a b', card: '', code: 'x'.repeat(65), share: 42 })).toEqual({
      attribution: { source: 'organic' },
    });
  });

  it('reads a wxacode scene, URL-encoded as WeChat passes it', () => {
    expect(parseEntry({ scene: encodeURIComponent('l=live-1&k=card-3') })).toEqual({
      attribution: { liveId: 'live-1', cardId: 'card-3', source: 'live_card' },
    });
    expect(parseEntry({ scene: 'c%3DAbC123' })).toEqual({ attribution: { share: 'AbC123', source: 'share' } });
    expect(parseEntry({ scene: 'p=p-brow&i=Inv1' })).toEqual({ productId: 'p-brow', attribution: { inviteCode: 'Inv1', source: 'invite' } });
  });

  it('ignores a numeric launch scene, an over-long scene and unknown scene keys', () => {
    expect(parseEntry({ scene: 1047 })).toEqual({ attribution: { source: 'organic' } });
    expect(parseScene('l=' + 'x'.repeat(31))).toEqual({});
    expect(parseScene('z=1&l=ok&l=second')).toEqual({ liveId: 'ok' });
    expect(parseScene('=x&l')).toEqual({});
  });

  it('prefers the query over the scene', () => {
    expect(parseAttribution({ live: 'from-query', scene: 'l=from-scene&k=c9' })).toEqual({
      liveId: 'from-query',
      cardId: 'c9',
      source: 'live_card',
    });
  });

  it('builds scenes within 32 characters, and refuses longer ones', () => {
    expect(buildScene({ liveId: 'live-1', cardId: 'card-3' })).toBe('l=live-1&k=card-3');
    expect(buildScene({ share: 'AbC123' })).toBe('c=AbC123');
    expect(buildScene({ liveId: 'live-tonight', cardId: 'card-1', productId: 'p-foundation' })).toBeNull();
    const scene = buildScene({ liveId: 'l1', cardId: 'c2', productId: 'p3', inviteCode: 'i4', share: 's5' })!;
    expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
    expect(parseScene(scene)).toEqual({ liveId: 'l1', cardId: 'c2', productId: 'p3', inviteCode: 'i4', share: 's5' });
  });

  it('reads the legacy live plugin custom_params, encoded or not', () => {
    const json = JSON.stringify({ live: 'live-7', card: 'card-2', from: 'plugin', n: 3 });
    for (const raw of [json, encodeURIComponent(json), encodeURIComponent(encodeURIComponent(json))]) {
      expect(parseEntry({ id: 'p-1', custom_params: raw })).toEqual({
        productId: 'p-1',
        attribution: {
          liveId: 'live-7',
          cardId: 'card-2',
          source: 'live_card',
          customParams: { live: 'live-7', card: 'card-2', from: 'plugin', n: '3' },
        },
      });
    }
    expect(parseAttribution({ custom_params: JSON.stringify({ liveId: 'L', cardId: 'C' }) })).toEqual(
      expect.objectContaining({ liveId: 'L', cardId: 'C', source: 'live_card' }),
    );
  });

  it('ignores custom_params that are not a JSON object', () => {
    expect(parseCustomParams('not json')).toBeUndefined();
    expect(parseCustomParams('[1,2]')).toBeUndefined();
    expect(parseCustomParams('%E0%A4%A')).toBeUndefined();
    expect(parseCustomParams(undefined)).toBeUndefined();
  });

  describe('the session keeps the first capture; an attributed entry replaces an organic one', () => {
    const organic = { source: 'organic' as const };
    const card = { liveId: 'l1', cardId: 'c1', source: 'live_card' as const };
    const invite = { inviteCode: 'i1', source: 'invite' as const };

    it.each([
      ['nothing yet, organic', null, organic, organic],
      ['nothing yet, card', null, card, card],
      ['organic, then card', organic, card, card],
      ['organic, then invite', organic, invite, invite],
      ['card, then organic', card, organic, card],
      ['invite, then card', invite, card, invite],
      ['card, then another card', card, { liveId: 'l2', source: 'live_card' as const }, card],
    ])('%s', (_name, current, incoming, expected) => {
      expect(mergeAttribution(current, incoming)).toEqual(expected);
    });
  });

  describe("a poster's share code, resolved on the server", () => {
    const poster = parseEntry({ scene: 'c%3DAbCd2345' });

    it('is asked only when the entry names neither a live nor a product', () => {
      expect(codeToResolve(poster)).toBe('AbCd2345');
      expect(codeToResolve(parseEntry({ live: 'l1', share: 'AbCd2345' }))).toBeUndefined();
      expect(codeToResolve(parseEntry({ id: 'p1', share: 'AbCd2345' }))).toBeUndefined();
      expect(codeToResolve(parseEntry({ code: 'AbCd2345' }))).toBeUndefined();
      expect(codeToResolve(parseEntry({}))).toBeUndefined();
    });

    it('fills the live and product the code opens, keeping the code', () => {
      expect(withResolution(poster, { status: 'resolved', liveId: 'live-1', productId: null })).toEqual({
        attribution: { liveId: 'live-1', share: 'AbCd2345', source: 'share' },
        code: 'resolved',
      });
      expect(withResolution(poster, { status: 'resolved', liveId: 'live-1', productId: 'p-1' })).toEqual({
        productId: 'p-1',
        attribution: { liveId: 'live-1', share: 'AbCd2345', source: 'share' },
        code: 'resolved',
      });
      // a shop code opens neither
      expect(withResolution(poster, { status: 'resolved', liveId: null, productId: null })).toEqual({ ...poster, code: 'resolved' });
      // what the entry names itself is kept
      const own = parseEntry({ id: 'p-own', share: 'AbCd2345' });
      expect(withResolution(own, { status: 'resolved', liveId: 'live-1', productId: 'p-1' }).productId).toBe('p-own');
    });

    it('says why when the code is unknown or could not be looked up, and when there was none', () => {
      expect(withResolution(poster, { status: 'unknown' })).toEqual({ ...poster, code: 'unknown' });
      expect(withResolution(poster, { status: 'failed', reason: 'NETWORK' })).toEqual({ ...poster, code: 'failed', reason: 'NETWORK' });
      expect(withResolution(poster, null)).toEqual({ ...poster, code: 'none' });
    });

    it('gives the page a clear state when the target is still missing', () => {
      expect(missingTargetState({ ...poster, code: 'unknown' })).toEqual({ state: 'bad_code', errorMessage: '' });
      expect(missingTargetState({ ...poster, code: 'failed', reason: 'NETWORK' })).toEqual({ state: 'error', errorMessage: '网络不给力，请检查网络后重试' });
      expect(missingTargetState({ ...poster, code: 'resolved' })).toEqual({ state: 'not_found', errorMessage: '' });
      expect(missingTargetState({ attribution: { source: 'organic' }, code: 'none' })).toEqual({ state: 'not_found', errorMessage: '' });
    });

    it("a reservation carries the shared path's invite code, else the poster's share code", () => {
      expect(sharerCode({ inviteCode: 'Inv12345', share: 'AbCd2345', source: 'invite' })).toBe('Inv12345');
      expect(sharerCode(poster.attribution)).toBe('AbCd2345');
      expect(sharerCode({ source: 'organic' })).toBeUndefined();
      expect(sharerCode(null)).toBeUndefined();
    });

    it('knows a share code by its shape', () => {
      expect(isShareCode('AbCd2345')).toBe(true);
      expect(isShareCode('abc')).toBe(false);
      expect(isShareCode('ab_cd-ef')).toBe(false);
      expect(isShareCode(undefined)).toBe(false);
    });
  });
});
