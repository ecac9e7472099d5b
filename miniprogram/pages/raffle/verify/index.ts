import { verifyRaffle } from '../../../services/raffle';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { verifyView, type EntryRow, type UnitRow } from './utils';

type PageState = 'loading' | 'ready' | 'not_found' | 'not_drawn' | 'error';

/** Entries listed at first; the rest on request (a big draw's list would make one heavy setData). */
const FIRST_ENTRIES = 100;

const local = instanceState(() => ({ raffleId: '', slot: undefined as number | undefined, entryId: '', entries: [] as EntryRow[], token: 0 }));

/**
 * Checks a finished draw on this phone (hmac-sha256-rejection-v1): the revealed seed against the
 * commitment published before the draw, then the winners recomputed from the seed and the sorted
 * entry ids, unit by unit, against the published ones. Only the public data comes from the server.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    slot: 0,
    procedure: '',
    commitment: '',
    seed: '',
    digest: '',
    seedOk: false,
    winnersOk: false,
    valid: false,
    verdictText: '',
    units: [] as UnitRow[],
    entries: [] as EntryRow[],
    entryTotal: 0,
    excludedText: '',
    mineText: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const state = local(this);
      state.raffleId = options.id ?? '';
      const slot = Number(options.slot);
      state.slot = Number.isInteger(slot) && slot >= 1 ? slot : undefined;
      state.entryId = options.entry ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.raffleId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const verification = await verifyRaffle(state.raffleId, state.slot);
        if (token !== state.token) return;
        const view = verifyView(verification, state.entryId);
        state.entries = view.entries;
        this.setData({
          ...view,
          state: 'ready',
          entries: view.entries.slice(0, FIRST_ENTRIES),
          entryTotal: view.entries.length,
        });
      } catch (e) {
        if (token !== state.token) return;
        const code = errorCode(e);
        if (code === 'RAFFLE_NOT_FOUND') this.setData({ state: 'not_found' });
        else if (code === 'RAFFLE_NOT_DRAWN') this.setData({ state: 'not_drawn' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onShowAllEntries() {
      const all = local(this).entries;
      if (this.data.entries.length >= all.length) return;
      const patch: Record<string, EntryRow> = {};
      for (let i = this.data.entries.length; i < all.length; i++) patch[`entries[${i}]`] = all[i];
      this.setData(patch);
    },

    onCopy(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { text: string }>) {
      const text = e.currentTarget.dataset.text;
      if (text) wx.setClipboardData({ data: text });
    },

    onRetry() {
      void this.load();
    },
  },
});
