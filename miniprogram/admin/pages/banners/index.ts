import type { StaffBanner, StaffProduct } from '../../../../typings/contract/index';
import type { PhotoPickerChange } from '../../../components/photo-picker/index';
import { deleteBanner, listBanners, listStaffProducts, saveBanner } from '../../../services/admin';
import { assetUrl } from '../../../services/call';
import { confirmDialog } from '../../../utils/dialog';
import { MAX_BANNERS } from '../../../utils/generated/limits';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { BANNER_TARGETS, productPath, targetOf, targetText } from './targets';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

interface BannerRow extends StaffBanner {
  src: string;
  targetText: string;
}

interface BannerEdit {
  bannerId: string;
  title: string;
  image: string;
  initial: string[];
  target: string;
  productId: string;
  productTitle: string;
  uploading: boolean;
}

const rowOf = (b: StaffBanner): BannerRow => ({ ...b, src: assetUrl(b.image), targetText: targetText(b.path, b.productTitle) });

/**
 * 首页轮播 (admin subpackage): the home page's banners in order (the first five show), each an image,
 * a title and where it opens: one of the mall's pages or a product picked by name. `catalog.write`
 * adds, edits, moves and deletes them; other roles read.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    canEdit: false,
    banners: [] as BannerRow[],
    edit: null as BannerEdit | null,
    targets: BANNER_TARGETS,
    keyword: '',
    found: [] as Array<Pick<StaffProduct, '_id' | 'title'>>,
    saving: false,
    max: MAX_BANNERS,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listBanners()]),
        ([access, banners]) => ({ canEdit: access.can['catalog.write'], banners: banners.map(rowOf), edit: null }),
      );
    },

    async refresh(): Promise<void> {
      this.setData({ banners: (await listBanners()).map(rowOf) });
    },

    onAdd() {
      if (!this.data.canEdit) return;
      this.setData({ edit: { bannerId: '', title: '', image: '', initial: [], target: 'live', productId: '', productTitle: '', uploading: false }, found: [], keyword: '' });
    },

    onEdit(e: Tap<{ id: string }>) {
      const b = this.data.banners.find((x) => x._id === e.currentTarget.dataset.id);
      if (!b || !this.data.canEdit) return;
      const t = targetOf(b.path);
      this.setData({ edit: { bannerId: b._id, title: b.title, image: b.image, initial: [b.image], target: t.key, productId: t.productId, productTitle: b.productTitle ?? '已删除的商品', uploading: false }, found: [], keyword: '' });
    },

    onCancel() {
      this.setData({ edit: null });
    },

    onTitle(e: WechatMiniprogram.Input) {
      if (this.data.edit) this.setData({ 'edit.title': inputValue(e) });
    },

    onImage(e: WechatMiniprogram.CustomEvent<PhotoPickerChange>) {
      const edit = this.data.edit;
      if (!edit) return;
      // the banner's own image comes back as it is kept; a new one as its upload's file id
      this.setData({ 'edit.image': e.detail.fileIds[0] ?? '', 'edit.uploading': e.detail.uploading });
    },

    onTarget(e: Tap<{ key: string }>) {
      if (this.data.edit) this.setData({ 'edit.target': e.currentTarget.dataset.key });
    },

    onKeyword(e: WechatMiniprogram.Input) {
      this.setData({ keyword: inputValue(e) });
    },

    async onFind(): Promise<void> {
      const keyword = this.data.keyword.trim();
      try {
        const page = await listStaffProducts({ status: 'on_sale', ...(keyword ? { keyword } : {}) });
        this.setData({ found: page.items.map(({ _id, title }) => ({ _id, title })) });
        if (!page.items.length) wx.showToast({ title: '没有在售的商品', icon: 'none' });
      } catch (err) {
        showFailure(err);
      }
    },

    onPickProduct(e: Tap<{ id: string; title: string }>) {
      const { id, title } = e.currentTarget.dataset;
      this.setData({ 'edit.productId': id, 'edit.productTitle': title, found: [] });
    },

    async onSave(): Promise<void> {
      const edit = this.data.edit;
      if (!edit || this.data.saving) return;
      const target = BANNER_TARGETS.find((t) => t.key === edit.target);
      const problem = edit.uploading ? '图片还在上传' : !edit.image ? '请上传图片' : !edit.title.trim() ? '请填写标题' : edit.target === 'product' && !edit.productId ? '请选择商品' : '';
      if (problem || !target) {
        wx.showToast({ title: problem || '请选择跳转', icon: 'none' });
        return;
      }
      const path = edit.target === 'product' ? productPath(edit.productId) : target.path;
      this.setData({ saving: true });
      try {
        await saveBanner({ ...(edit.bannerId ? { bannerId: edit.bannerId } : {}), image: edit.image, title: edit.title.trim(), path });
        await this.refresh();
        this.setData({ saving: false, edit: null });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ saving: false });
        showFailure(err);
      }
    },

    /** One place up: the banners are numbered 0, 1, 2… in their new order; only changed ones are written. */
    async onUp(e: Tap<{ index: number }>): Promise<void> {
      const i = Number(e.currentTarget.dataset.index);
      if (i <= 0 || i >= this.data.banners.length || this.data.saving || !this.data.canEdit) return;
      const order = [...this.data.banners];
      [order[i - 1], order[i]] = [order[i]!, order[i - 1]!];
      this.setData({ saving: true });
      try {
        for (const [sort, b] of order.entries()) {
          if (b.sort !== sort) await saveBanner({ bannerId: b._id, image: b.image, title: b.title, path: b.path, sort });
        }
        await this.refresh();
      } catch (err) {
        showFailure(err);
      }
      this.setData({ saving: false });
    },

    async onDelete(e: Tap<{ id: string }>): Promise<void> {
      const b = this.data.banners.find((x) => x._id === e.currentTarget.dataset.id);
      if (!b || !this.data.canEdit || this.data.saving) return;
      if (!(await confirmDialog({ title: `删除「${b.title}」？`, content: '首页将不再显示这张轮播图' }))) return;
      this.setData({ saving: true });
      try {
        await deleteBanner(b._id);
        await this.refresh();
      } catch (err) {
        showFailure(err);
      }
      this.setData({ saving: false });
    },
  },
});
