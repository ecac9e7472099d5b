import type { StaffRedemption } from '../../../../typings/contract/index';
import { listRedemptions, shipRedemption, type Page } from '../../../services/admin';
import { formatDateTime } from '../../../utils/time';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type Filter = 'pending' | 'shipped';

interface RedemptionRow {
  redemptionId: string;
  title: string;
  who: string;
  addressText: string;
  timeText: string;
  status: Filter;
  trackingText: string;
}

const redemptionRow = (r: StaffRedemption): RedemptionRow => ({
  redemptionId: r.redemptionId,
  title: `${r.rewardTitle} · ${r.pointsSpent} 积分`,
  who: `${r.address.userName} ${r.address.telNumber}`,
  addressText: `${r.address.provinceName}${r.address.cityName}${r.address.countyName} ${r.address.detailInfo}`,
  timeText: formatDateTime(r.createdAt),
  status: r.status,
  trackingText: r.tracking ? `${r.tracking.company} ${r.tracking.number}` : '',
});

const redemptionList = staffListBehavior<StaffRedemption, RedemptionRow>({ list: 'items', row: redemptionRow });

/**
 * Product rewards redeemed for points (admin subpackage, `orders.fulfil`): the address each goes
 * to, and shipping with a carrier and tracking number, once.
 */
Component({
  behaviors: [redemptionList],
  data: {
    filter: 'pending' as Filter,
    items: [] as RedemptionRow[],
    shipFor: '',
    company: '顺丰速运',
    trackingNumber: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1)]),
        ([access, list]) =>
          access.can['orders.fulfil'] ? this.firstPageView(list) : { state: 'denied', errorMessage: '你的角色无权进行此操作' },
      );
    },

    fetchList(page: number): Promise<Page<StaffRedemption>> {
      return listRedemptions(this.data.filter, page);
    },

    onFilter(e: Tap<{ filter: Filter }>) {
      const filter = e.currentTarget.dataset.filter;
      if (filter === this.data.filter) return;
      this.setData({ filter, shipFor: '', trackingNumber: '' });
      void this.reloadList();
    },

    onStart(e: Tap<{ id: string }>) {
      this.setData({ shipFor: e.currentTarget.dataset.id, trackingNumber: '' });
    },

    onCompany(e: WechatMiniprogram.Input) {
      this.setData({ company: inputValue(e) });
    },

    onTracking(e: WechatMiniprogram.Input) {
      this.setData({ trackingNumber: inputValue(e) });
    },

    async onShip(): Promise<void> {
      const id = this.data.shipFor;
      const company = this.data.company.trim();
      const trackingNumber = this.data.trackingNumber.trim();
      if (!id || this.data.busy) return;
      if (!company || !/^[A-Za-z0-9-]{4,40}$/.test(trackingNumber)) {
        wx.showToast({ title: '请填写快递公司和运单号', icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      try {
        await shipRedemption(id, company, trackingNumber);
        this.setData({ busy: false, shipFor: '', trackingNumber: '' });
        wx.showToast({ title: '已发货', icon: 'success' });
        await this.reloadList();
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },
  },
});
