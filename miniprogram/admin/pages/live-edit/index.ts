import type { LiveState, StaffProduct } from '../../../../typings/contract/index';
import { listStaffProducts } from '../../../services/admin';
import { newRequestId } from '../../../services/call';
import { createLive, editLive, getLiveDraft, setLiveKeywords } from '../../../services/live-admin';
import { errorCode } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { cardOf, createRequest, editRequest, emptyForm, formOf, keywordsOf, ROLE_OPTIONS, STATE_TEXT, type LiveForm, type Role } from './form';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type TimeField = 'startDay' | 'startTime' | 'endDay' | 'endTime';

/** One requestId per save being made: a retried 保存 after a lost answer makes one live. */
const local = instanceState(() => ({ liveId: '', requestId: '', keywords: '', rev: 0 }));

/**
 * 新建直播 / 编辑直播 (admin subpackage, `live.write`): title, start and end (China time), product
 * cards picked from the products on sale, each with a live price per SKU (empty: the regular price)
 * and a role (引流款 / 信任款), in the order shown, and the comment keywords counted. Once the live is
 * on its start stays and cards already shown stay (they may be repriced); an ended live is read only.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    canEdit: false,
    editing: false,
    liveState: 'scheduled' as LiveState,
    stateText: '',
    form: emptyForm(Date.now()) as LiveForm,
    roles: ROLE_OPTIONS,
    keyword: '',
    found: [] as StaffProduct[],
    searching: false,
    error: '',
    saving: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).liveId = options.id ?? '';
      local(this).requestId = newRequestId();
      wx.setNavigationBarTitle({ title: options.id ? '编辑直播' : '新建直播' });
      void this.load();
    },

    load(): Promise<void> {
      const liveId = local(this).liveId;
      return this.loadScreen(
        () => Promise.all([staffAccess(), liveId ? getLiveDraft(liveId) : Promise.resolve(null)]),
        ([access, live]) => {
          const form = live ? formOf(live) : emptyForm(Date.now());
          local(this).keywords = form.keywords;
          local(this).rev = live?.rev ?? 0;
          const state = live?.state ?? 'scheduled';
          return { canEdit: access.can['live.write'] && state !== 'ended', editing: !!live, liveState: state, stateText: live ? STATE_TEXT[state] : '', form, error: '' };
        },
      );
    },

    onTitle(e: WechatMiniprogram.Input) {
      this.setData({ 'form.title': inputValue(e), error: '' });
    },

    onTime(e: WechatMiniprogram.PickerChange & Tap<{ field: TimeField }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: String(e.detail.value), error: '' });
    },

    onKeywords(e: WechatMiniprogram.Input) {
      this.setData({ 'form.keywords': inputValue(e), error: '' });
    },

    onSearchInput(e: WechatMiniprogram.Input) {
      this.setData({ keyword: inputValue(e) });
    },

    async onSearch(): Promise<void> {
      if (this.data.searching) return;
      const keyword = this.data.keyword.trim();
      this.setData({ searching: true });
      try {
        const page = await listStaffProducts({ status: 'on_sale', ...(keyword ? { keyword } : {}) });
        const onCards = new Set(this.data.form.cards.map((c) => c.productId));
        this.setData({ searching: false, found: page.items.filter((p) => !onCards.has(p._id)) });
        if (!page.items.length) wx.showToast({ title: '没有在售的商品', icon: 'none' });
      } catch (err) {
        this.setData({ searching: false });
        showFailure(err);
      }
    },

    onAddCard(e: Tap<{ id: string }>) {
      const product = this.data.found.find((p) => p._id === e.currentTarget.dataset.id);
      if (!product || this.data.form.cards.some((c) => c.productId === product._id)) return;
      const card = cardOf(product);
      if (!card.skus.length) {
        wx.showToast({ title: '这个商品没有在售的规格', icon: 'none' });
        return;
      }
      this.setData({ 'form.cards': [...this.data.form.cards, card], found: this.data.found.filter((p) => p._id !== product._id), error: '' });
    },

    /** A saved card stays once the live is on. */
    onRemoveCard(e: Tap<{ index: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const card = this.data.form.cards[i];
      if (!card) return;
      if (card.cardId && this.data.liveState === 'live') {
        wx.showToast({ title: '直播中已上的商品卡不能移除', icon: 'none' });
        return;
      }
      this.setData({ 'form.cards': this.data.form.cards.filter((_, j) => j !== i) });
    },

    onMoveCard(e: Tap<{ index: number; by: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const j = i + Number(e.currentTarget.dataset.by);
      const cards = [...this.data.form.cards];
      if (!cards[i] || !cards[j]) return;
      [cards[i], cards[j]] = [cards[j]!, cards[i]!];
      this.setData({ 'form.cards': cards });
    },

    onRole(e: Tap<{ index: number; role: Role }>) {
      this.setData({ [`form.cards[${Number(e.currentTarget.dataset.index)}].role`]: e.currentTarget.dataset.role });
    },

    onLivePrice(e: WechatMiniprogram.Input & Tap<{ card: number; sku: number }>) {
      const { card, sku } = e.currentTarget.dataset;
      this.setData({ [`form.cards[${Number(card)}].skus[${Number(sku)}].live`]: inputValue(e), error: '' });
    },

    async onSave(): Promise<void> {
      if (this.data.saving || !this.data.canEdit) return;
      const state = local(this);
      const words = keywordsOf(this.data.form.keywords);
      const checked = state.liveId ? editRequest(state.liveId, this.data.liveState, this.data.form, state.rev) : createRequest(this.data.form);
      if (!checked.ok || !words.ok) {
        this.setData({ error: !checked.ok ? checked.message : !words.ok ? words.message : '' });
        return;
      }
      this.setData({ saving: true, error: '' });
      const creating = !state.liveId;
      try {
        // the live first, kept at once: a failure after it (the keywords) never makes a second live
        if (state.liveId) state.rev = (await editLive(checked.value as Parameters<typeof editLive>[0], state.requestId)).rev;
        else {
          state.liveId = (await createLive(checked.value as Parameters<typeof createLive>[0], state.requestId)).liveId;
          state.rev = 0;
          this.setData({ editing: true });
        }
        state.requestId = newRequestId();
        const keywords = words.value;
        if (keywords.join(' ') !== state.keywords) {
          try {
            await setLiveKeywords(state.liveId, keywords);
            state.keywords = keywords.join(' ');
          } catch (err) {
            // the new live is made: its editor opens (with its cards' ids) and the keywords can be saved again there
            if (!creating) throw err;
            this.setData({ saving: false });
            wx.showToast({ title: '直播已创建，互动关键词未保存，请再保存一次', icon: 'none' });
            wx.redirectTo({ url: `/admin/pages/live-edit/index?id=${encodeURIComponent(state.liveId)}` });
            return;
          }
        }
        this.setData({ saving: false });
        wx.showToast({ title: '已保存', icon: 'success' });
        if (creating) wx.redirectTo({ url: `/admin/pages/live-edit/index?id=${encodeURIComponent(state.liveId)}` });
        else void this.load();
      } catch (err) {
        // only a request that may not have arrived is sent again as the same one
        if (errorCode(err) !== 'NETWORK') state.requestId = newRequestId();
        this.setData({ saving: false });
        showFailure(err);
      }
    },
  },
});
