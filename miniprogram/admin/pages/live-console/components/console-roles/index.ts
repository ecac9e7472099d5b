import { setCardRole } from '../../../../../services/live-admin';
import { errorText } from '../../../../../utils/errors';
import type { CardRole, ConsoleCard, Tap } from '../../types';

const ROLES: Array<{ role: CardRole; label: string }> = [
  { role: 'traffic', label: '引流款' },
  { role: 'trust', label: '信任款' },
  { role: null, label: '不设' },
];

/** Marks each card of the live as 引流款, 信任款 or neither; the chip shows what the server kept. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
    cards: { type: Array, value: [] as ConsoleCard[] },
  },
  data: {
    roles: ROLES,
    rows: [] as ConsoleCard[],
  },
  observers: {
    cards(cards: ConsoleCard[]) {
      this.setData({ rows: cards });
    },
  },
  methods: {
    async onSetRole(e: Tap<{ card: string; role: string }>) {
      const { card, role } = e.currentTarget.dataset;
      const next: CardRole = role === 'traffic' || role === 'trust' ? role : null;
      const index = this.data.rows.findIndex((c) => c.cardId === card);
      if (index < 0 || this.data.rows[index].role === next) return;
      try {
        const result = await setCardRole(this.data.liveId, card, next);
        this.setData({ [`rows[${index}].role`]: result.role });
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      }
    },
  },
});
