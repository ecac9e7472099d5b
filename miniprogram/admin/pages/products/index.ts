import type { StaffProduct } from '../../../../typings/contract/index';
import { adjustStock, listStaffProducts, updateProduct, updateSku, type Page } from '../../../services/admin';
import { AFTER_SALE_DAYS_MAX } from '../../../utils/generated/limits';
import { instanceState } from '../../../utils/instance-state';
import { yuan } from '../../../utils/money';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue, parseCount, parseYuan } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { productRow, skuRow, type ProductRow, type SkuRow } from './utils';

type EditField = 'price' | 'stock' | 'limit';
/** a product's 售后时限: the shop's, none after receipt, or its own days */
type WindowMode = 'shop' | 'none' | 'days';

interface WindowEdit {
  productIndex: number;
  productId: string;
  mode: WindowMode;
  days: string;
  error: string;
}
type StockMode = 'set' | 'add';

interface Editing {
  productIndex: number;
  skuIndex: number;
  skuId: string;
  field: EditField;
  mode: StockMode;
  value: string;
  error: string;
}

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/** What the edit box starts with: the price in yuan, the stock, or the limit ('' when there is none). */
const editValue = (sku: SkuRow, field: EditField): string =>
  field === 'price' ? yuan(sku.priceFen) : field === 'stock' ? String(sku.stock) : sku.perUserLimit ? String(sku.perUserLimit) : '';

const STATUS_TABS: Array<{ key: StaffProduct['status'] | ''; title: string }> = [
  { key: '', title: '全部' },
  { key: 'on_sale', title: '在售' },
  { key: 'draft', title: '草稿' },
  { key: 'off_shelf', title: '已下架' },
];

const local = instanceState(() => ({ shown: false }));

const productList = staffListBehavior<StaffProduct, ProductRow>({ list: 'products', row: productRow });

/**
 * Products, SKUs and stock (admin subpackage): search, put on or off sale, change a SKU's price and
 * its 每人限购, set or add stock (the server takes it atomically, so orders placed meanwhile keep theirs),
 * and a product's own 售后时限 (kept on each order from the time of purchase).
 * Roles without `catalog.write` see the list only.
 */
Component({
  behaviors: [productList],
  data: {
    canEdit: false,
    keyword: '',
    status: '' as StaffProduct['status'] | '',
    statusTabs: STATUS_TABS,
    products: [] as ProductRow[],
    editing: null as Editing | null,
    windowEdit: null as WindowEdit | null,
    afterSaleMax: AFTER_SALE_DAYS_MAX,
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1)]),
        ([access, list]) => ({ canEdit: access.can['catalog.write'], ...this.firstPageView(list), editing: null }),
      );
    },

    /** A page of products for the keyword typed. */
    fetchList(page: number): Promise<Page<StaffProduct>> {
      const keyword = this.data.keyword.trim();
      const status = this.data.status;
      return listStaffProducts({ page, ...(keyword ? { keyword } : {}), ...(status ? { status } : {}) });
    },

    onStatus(e: Tap<{ status: StaffProduct['status'] | '' }>) {
      const status = e.currentTarget.dataset.status;
      if (status === this.data.status) return;
      this.setData({ status });
      void this.load();
    },

    onNewProduct() {
      wx.navigateTo({ url: '/admin/pages/product-edit/index' });
    },

    onOpenProduct(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/product-edit/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    onOpenCategories() {
      wx.navigateTo({ url: '/admin/pages/categories/index' });
    },

    /** Back from the editor: the list as it is now. */
    onShow() {
      const state = local(this);
      if (state.shown && this.data.state === 'ready') void this.reloadList();
      state.shown = true;
    },

    onKeywordInput(e: WechatMiniprogram.Input) {
      this.setData({ keyword: inputValue(e) });
    },

    onSearch() {
      void this.load();
    },

    async onToggleProduct(e: Tap<{ index: number }>): Promise<void> {
      const i = Number(e.currentTarget.dataset.index);
      const product = this.data.products[i];
      if (!product || !this.data.canEdit || this.data.saving) return;
      this.setData({ saving: true });
      try {
        const updated = await updateProduct({ productId: product._id, status: product.status === 'on_sale' ? 'off_shelf' : 'on_sale' });
        this.setData({ saving: false, [`products[${i}]`]: productRow(updated) });
        wx.showToast({ title: updated.status === 'on_sale' ? '已上架' : '已下架', icon: 'success' });
      } catch (err) {
        this.setData({ saving: false });
        showFailure(err);
      }
    },

    /** 售后时限 of one product: the box opens on what it has now. */
    onEditWindow(e: Tap<{ index: number }>) {
      const productIndex = Number(e.currentTarget.dataset.index);
      const product = this.data.products[productIndex];
      if (!product || !this.data.canEdit) return;
      const days = product.afterSaleDays;
      this.setData({ windowEdit: { productIndex, productId: product._id, mode: days === null ? 'shop' : days === 0 ? 'none' : 'days', days: days ? String(days) : '', error: '' } });
    },

    onWindowMode(e: Tap<{ mode: WindowMode }>) {
      if (this.data.windowEdit) this.setData({ 'windowEdit.mode': e.currentTarget.dataset.mode, 'windowEdit.error': '' });
    },

    onWindowDays(e: WechatMiniprogram.Input) {
      if (this.data.windowEdit) this.setData({ 'windowEdit.days': inputValue(e), 'windowEdit.error': '' });
    },

    onCancelWindow() {
      this.setData({ windowEdit: null });
    },

    async onSaveWindow(): Promise<void> {
      const edit = this.data.windowEdit;
      if (!edit || this.data.saving) return;
      const days = edit.mode === 'shop' ? null : edit.mode === 'none' ? 0 : parseCount(edit.days, 1, AFTER_SALE_DAYS_MAX);
      if (edit.mode === 'days' && days === null) {
        this.setData({ 'windowEdit.error': `请输入 1–${AFTER_SALE_DAYS_MAX} 天` });
        return;
      }
      this.setData({ saving: true });
      try {
        const updated = await updateProduct({ productId: edit.productId, afterSaleDays: days });
        this.setData({ saving: false, windowEdit: null, [`products[${edit.productIndex}]`]: productRow(updated) });
        wx.showToast({ title: '已保存，之后的订单按此售后', icon: 'none' });
      } catch (err) {
        this.setData({ saving: false });
        showFailure(err);
      }
    },

    onEdit(e: Tap<{ product: number; sku: number; field: EditField }>) {
      if (!this.data.canEdit) return;
      const productIndex = Number(e.currentTarget.dataset.product);
      const skuIndex = Number(e.currentTarget.dataset.sku);
      const field = e.currentTarget.dataset.field;
      const sku = this.data.products[productIndex]?.skus[skuIndex];
      if (!sku) return;
      this.setData({
        editing: { productIndex, skuIndex, skuId: sku._id, field, mode: 'set', value: editValue(sku, field), error: '' },
      });
    },

    onEditInput(e: WechatMiniprogram.Input) {
      if (this.data.editing) this.setData({ 'editing.value': inputValue(e), 'editing.error': '' });
    },

    onEditMode(e: Tap<{ mode: StockMode }>) {
      const mode = e.currentTarget.dataset.mode;
      if (this.data.editing && this.data.editing.mode !== mode) this.setData({ 'editing.mode': mode, 'editing.value': mode === 'add' ? '' : this.data.editing.value, 'editing.error': '' });
    },

    onCancelEdit() {
      this.setData({ editing: null });
    },

    async onSaveEdit(): Promise<void> {
      const editing = this.data.editing;
      if (!editing || this.data.saving) return;
      let save: () => ReturnType<typeof updateSku>;
      if (editing.field === 'price') {
        const priceFen = parseYuan(editing.value);
        if (priceFen === null || priceFen <= 0) {
          this.setData({ 'editing.error': '请输入大于 0 的价格，最多两位小数' });
          return;
        }
        save = () => updateSku({ skuId: editing.skuId, priceFen });
      } else if (editing.field === 'limit') {
        const perUserLimit = editing.value.trim() === '' ? 0 : parseCount(editing.value, 0, 999);
        if (perUserLimit === null) {
          this.setData({ 'editing.error': '请输入 1–999 的整数，留空或 0 为不限购' });
          return;
        }
        save = () => updateSku({ skuId: editing.skuId, perUserLimit });
      } else {
        const quantity = editing.mode === 'set' ? parseCount(editing.value, 0, 1_000_000) : parseCount(editing.value, -1_000_000, 1_000_000);
        if (quantity === null || (editing.mode === 'add' && quantity === 0)) {
          this.setData({ 'editing.error': editing.mode === 'set' ? '请输入 0 或正整数' : '请输入要增加（或用负数减少）的数量' });
          return;
        }
        save = () => adjustStock(editing.skuId, editing.mode, quantity);
      }
      this.setData({ saving: true });
      try {
        const sku = await save();
        this.setData({ saving: false, editing: null, [`products[${editing.productIndex}].skus[${editing.skuIndex}]`]: skuRow(sku) });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ saving: false });
        showFailure(err);
      }
    },
  },
});
