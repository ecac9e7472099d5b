import type { PhotoPickerChange } from '../../../components/photo-picker/index';
import { addSpecValues, createProduct, editProduct, getProductDraft, listStaffCategories } from '../../../services/admin';
import { newRequestId } from '../../../services/call';
import { MAX_PRODUCT_IMAGES, MAX_SPEC_GROUPS } from '../../../utils/generated/limits';
import { errorCode } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { addedRows, categoryOptions, createRequest, editRequest, emptyForm, formOf, gridRows, groupProblem, groupsWith, specValuesRequest, valueProblem, type AddedValue, type ProductForm, type SkuRowForm } from './form';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type RowField = 'price' | 'memberPrice' | 'stock' | 'limit';

/** One requestId per product being made: a retried 保存 after a lost answer makes one product. */
const local = instanceState(() => ({ requestId: '', productId: '' }));

/**
 * 新建商品 / 编辑商品 (admin subpackage, `catalog.write`): name, category (two levels), images (the
 * first is the cover; a long press makes one the cover), details, and for a new product its spec
 * groups with one SKU row per combination (price, 会员价, stock, 每人限购, on sale). It is saved as a
 * draft or put on sale. Editing changes the text, category and images, and adds values to the spec
 * groups (a new shade) with rows for the SKUs they make; prices and stock of the SKUs already there
 * are changed in 商品与库存.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    editing: false,
    canEdit: false,
    form: emptyForm() as ProductForm,
    categories: [] as Array<{ _id: string; label: string }>,
    categoryIndex: -1,
    initialImages: [] as string[],
    uploading: false,
    newGroup: '',
    newValues: [] as string[],
    batchPrice: '',
    batchStock: '',
    /** editing: spec values added, and the SKU rows they make */
    added: [] as AddedValue[],
    addedRows: [] as SkuRowForm[],
    addingSpecs: false,
    error: '',
    errorField: '',
    saving: false,
    maxImages: MAX_PRODUCT_IMAGES,
    maxGroups: MAX_SPEC_GROUPS,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).productId = options.id ?? '';
      local(this).requestId = newRequestId();
      wx.setNavigationBarTitle({ title: options.id ? '编辑商品' : '新建商品' });
      void this.load();
    },

    load(): Promise<void> {
      const productId = local(this).productId;
      return this.loadScreen(
        () => Promise.all([staffAccess(), listStaffCategories(), productId ? getProductDraft(productId) : Promise.resolve(null)]),
        ([access, categories, draft]) => {
          const form = draft ? formOf(draft) : emptyForm();
          const options = categoryOptions(categories);
          return {
            canEdit: access.can['catalog.write'],
            editing: !!draft,
            form,
            categories: options,
            categoryIndex: options.findIndex((c) => c._id === form.categoryId),
            initialImages: form.images,
            newValues: form.groups.map(() => ''),
          };
        },
      );
    },

    setField(field: keyof ProductForm, value: unknown) {
      this.setData({ [`form.${field}`]: value, ...(this.data.errorField.startsWith(field) ? { error: '', errorField: '' } : {}) });
    },

    onTitle(e: WechatMiniprogram.Input) {
      this.setField('title', inputValue(e));
    },
    onSubtitle(e: WechatMiniprogram.Input) {
      this.setField('subtitle', inputValue(e));
    },
    onDetail(e: WechatMiniprogram.Input) {
      this.setField('detail', inputValue(e));
    },
    onOriginalPrice(e: WechatMiniprogram.Input) {
      this.setField('originalPrice', inputValue(e));
    },

    onCategory(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      const option = this.data.categories[index];
      if (!option) return;
      this.setData({ categoryIndex: index });
      this.setField('categoryId', option._id);
    },

    onImages(e: WechatMiniprogram.CustomEvent<PhotoPickerChange>) {
      this.setData({ uploading: e.detail.uploading });
      this.setField('images', e.detail.fileIds);
    },

    /** The rows follow the groups: a combination still there keeps what was typed in it. */
    setGroups(groups: ProductForm['groups'], newValues: string[]) {
      this.setData({ 'form.groups': groups, 'form.rows': gridRows(groups, this.data.form.rows), newValues, error: '', errorField: '' });
    },

    onNewGroup(e: WechatMiniprogram.Input) {
      this.setData({ newGroup: inputValue(e) });
    },

    onAddGroup() {
      const problem = groupProblem(this.data.form.groups, this.data.newGroup);
      if (problem) {
        this.setData({ error: problem, errorField: 'groups' });
        return;
      }
      this.setGroups([...this.data.form.groups, { name: this.data.newGroup.trim(), values: [] }], [...this.data.newValues, '']);
      this.setData({ newGroup: '' });
    },

    onRemoveGroup(e: Tap<{ group: number }>) {
      const g = Number(e.currentTarget.dataset.group);
      this.setGroups(this.data.form.groups.filter((_, i) => i !== g), this.data.newValues.filter((_, i) => i !== g));
    },

    onNewValue(e: WechatMiniprogram.Input & Tap<{ group: number }>) {
      this.setData({ [`newValues[${Number(e.currentTarget.dataset.group)}]`]: inputValue(e) });
    },

    onAddValue(e: Tap<{ group: number }>) {
      const g = Number(e.currentTarget.dataset.group);
      const value = (this.data.newValues[g] ?? '').trim();
      if (this.data.editing) return this.addValue(g, value);
      const problem = valueProblem(this.data.form.groups, g, value);
      if (problem) {
        this.setData({ error: problem, errorField: `groups.${g}` });
        return;
      }
      const groups = this.data.form.groups.map((group, i) => (i === g ? { ...group, values: [...group.values, value] } : group));
      this.setGroups(groups, this.data.newValues.map((v, i) => (i === g ? '' : v)));
    },

    /** Editing: a value for a group of the saved product, with the rows of the SKUs it makes. */
    addValue(g: number, value: string) {
      const groups = groupsWith(this.data.form.groups, this.data.added);
      const problem = valueProblem(groups, g, value);
      if (problem) return this.setData({ error: problem, errorField: `groups.${g}` });
      const added = [...this.data.added, { group: groups[g]!.name, value }];
      this.setData({
        added,
        addedRows: addedRows(this.data.form.groups, added, this.data.addedRows),
        newValues: this.data.newValues.map((v, i) => (i === g ? '' : v)),
        error: '',
        errorField: '',
      });
    },

    onRemoveAdded(e: Tap<{ index: number }>) {
      const added = this.data.added.filter((_, i) => i !== Number(e.currentTarget.dataset.index));
      this.setData({ added, addedRows: addedRows(this.data.form.groups, added, this.data.addedRows) });
    },

    onAddedRowInput(e: WechatMiniprogram.Input & Tap<{ row: number; field: RowField }>) {
      const { row, field } = e.currentTarget.dataset;
      this.setData({ [`addedRows[${Number(row)}].${field}`]: inputValue(e), ...(this.data.errorField.startsWith('addedRows') ? { error: '', errorField: '' } : {}) });
    },

    /** 保存新规格: the added values and their SKUs in one write; the editor then shows the product as saved. */
    async onSaveSpecs(): Promise<void> {
      if (this.data.addingSpecs || !this.data.canEdit) return;
      const checked = specValuesRequest(local(this).productId, this.data.added, this.data.addedRows);
      if (!checked.ok) return this.setData({ error: checked.message, errorField: checked.field });
      this.setData({ addingSpecs: true, error: '', errorField: '' });
      try {
        const saved = await addSpecValues(checked.value);
        const form = formOf(saved);
        this.setData({ addingSpecs: false, added: [], addedRows: [], form: { ...this.data.form, groups: form.groups, rows: form.rows }, newValues: form.groups.map(() => '') });
        wx.showToast({ title: '已添加规格', icon: 'success' });
      } catch (err) {
        this.setData({ addingSpecs: false });
        showFailure(err);
      }
    },

    onRemoveValue(e: Tap<{ group: number; value: number }>) {
      const g = Number(e.currentTarget.dataset.group);
      const v = Number(e.currentTarget.dataset.value);
      const groups = this.data.form.groups.map((group, i) => (i === g ? { ...group, values: group.values.filter((_, j) => j !== v) } : group));
      this.setGroups(groups, this.data.newValues);
    },

    onRowInput(e: WechatMiniprogram.Input & Tap<{ row: number; field: RowField }>) {
      const { row, field } = e.currentTarget.dataset;
      this.setData({ [`form.rows[${Number(row)}].${field}`]: inputValue(e), ...(this.data.errorField.startsWith('rows') ? { error: '', errorField: '' } : {}) });
    },

    onRowSale(e: Tap<{ row: number }>) {
      const i = Number(e.currentTarget.dataset.row);
      const row = this.data.form.rows[i];
      if (row) this.setData({ [`form.rows[${i}].onSale`]: !row.onSale });
    },

    onBatchPrice(e: WechatMiniprogram.Input) {
      this.setData({ batchPrice: inputValue(e) });
    },
    onBatchStock(e: WechatMiniprogram.Input) {
      this.setData({ batchStock: inputValue(e) });
    },

    /** 批量填写: the price and stock typed above go into every row (an empty box changes nothing). */
    onApplyBatch() {
      const { batchPrice, batchStock } = this.data;
      const rows: SkuRowForm[] = this.data.form.rows.map((r) => ({ ...r, ...(batchPrice.trim() ? { price: batchPrice.trim() } : {}), ...(batchStock.trim() ? { stock: batchStock.trim() } : {}) }));
      this.setData({ 'form.rows': rows, error: '', errorField: '' });
    },

    onSaveDraft() {
      void this.save('draft');
    },
    onPublish() {
      void this.save('on_sale');
    },
    onSave() {
      void this.save(null);
    },

    async save(status: 'draft' | 'on_sale' | null): Promise<void> {
      if (this.data.saving || !this.data.canEdit) return;
      if (this.data.uploading) {
        this.setData({ error: '图片还在上传，请稍候', errorField: 'images' });
        return;
      }
      const { productId, requestId } = local(this);
      const checked = status ? createRequest(this.data.form, status) : editRequest(productId, this.data.form);
      if (!checked.ok) {
        this.setData({ error: checked.message, errorField: checked.field });
        return;
      }
      this.setData({ saving: true, error: '', errorField: '' });
      try {
        const saved = status
          ? await createProduct(checked.value as Parameters<typeof createProduct>[0], requestId)
          : await editProduct(checked.value as Parameters<typeof editProduct>[0], requestId);
        local(this).requestId = newRequestId();
        this.setData({ saving: false });
        wx.showToast({ title: status === 'draft' ? '已存为草稿' : status === 'on_sale' ? '已上架' : '已保存', icon: 'success' });
        if (status) wx.redirectTo({ url: `/admin/pages/product-edit/index?id=${encodeURIComponent(saved._id)}` });
        else this.setData({ form: formOf(saved), initialImages: saved.images });
      } catch (err) {
        // only a request that may not have arrived is sent again as the same one
        if (errorCode(err) !== 'NETWORK') local(this).requestId = newRequestId();
        this.setData({ saving: false });
        showFailure(err);
      }
    },
  },
});
