import { deleteCategory, listStaffCategories, saveCategory } from '../../../services/admin';
import { confirmDialog } from '../../../utils/dialog';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { categoryRows, swapSorts, type CategoryRow } from './rows';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/** What the name box is for: a new top-level category, a new one under `parentId`, or renaming `categoryId`. */
interface NameEdit {
  categoryId: string;
  parentId: string | null;
  name: string;
  title: string;
}

/**
 * 分类管理 (admin subpackage): categories two levels deep. `catalog.write` adds top-level ones and
 * sub-categories under them, renames, moves one up or down among its siblings and deletes an
 * empty one (the server refuses one that holds products or sub-categories). Other roles read.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    canEdit: false,
    rows: [] as CategoryRow[],
    edit: null as NameEdit | null,
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listStaffCategories()]),
        ([access, items]) => ({ canEdit: access.can['catalog.write'], rows: categoryRows(items), edit: null }),
      );
    },

    async refresh(): Promise<void> {
      this.setData({ rows: categoryRows(await listStaffCategories()) });
    },

    onAddTop() {
      if (this.data.canEdit) this.setData({ edit: { categoryId: '', parentId: null, name: '', title: '新建一级分类' } });
    },

    onAddSub(e: Tap<{ id: string }>) {
      const parent = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id);
      if (parent && this.data.canEdit) this.setData({ edit: { categoryId: '', parentId: parent._id, name: '', title: `在「${parent.name}」下新建二级分类` } });
    },

    onRename(e: Tap<{ id: string }>) {
      const row = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id);
      if (row && this.data.canEdit) this.setData({ edit: { categoryId: row._id, parentId: row.parentId, name: row.name, title: '修改名称' } });
    },

    onName(e: WechatMiniprogram.Input) {
      if (this.data.edit) this.setData({ 'edit.name': inputValue(e) });
    },

    onCancel() {
      this.setData({ edit: null });
    },

    async onSaveName(): Promise<void> {
      const edit = this.data.edit;
      if (!edit || this.data.saving) return;
      const name = edit.name.trim();
      if (!name || name.length > 12) {
        wx.showToast({ title: '分类名 1–12 个字', icon: 'none' });
        return;
      }
      this.setData({ saving: true });
      try {
        await saveCategory(edit.categoryId ? { categoryId: edit.categoryId, name } : { name, parentId: edit.parentId });
        await this.refresh();
        this.setData({ saving: false, edit: null });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ saving: false });
        showFailure(err);
      }
    },

    async onMove(e: Tap<{ id: string; other: string }>): Promise<void> {
      const { id, other } = e.currentTarget.dataset;
      if (!other || this.data.saving || !this.data.canEdit) return;
      this.setData({ saving: true });
      try {
        for (const { row, sort } of swapSorts(this.data.rows, id, other)) await saveCategory({ categoryId: row._id, name: row.name, sort });
        await this.refresh();
      } catch (err) {
        showFailure(err);
      }
      this.setData({ saving: false });
    },

    async onDelete(e: Tap<{ id: string }>): Promise<void> {
      const row = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id);
      if (!row || this.data.saving || !this.data.canEdit) return;
      if (!(await confirmDialog({ title: `删除「${row.name}」？`, content: '只能删除没有商品和子分类的分类' }))) return;
      this.setData({ saving: true });
      try {
        await deleteCategory(row._id);
        await this.refresh();
        wx.showToast({ title: '已删除', icon: 'success' });
      } catch (err) {
        showFailure(err);
      }
      this.setData({ saving: false });
    },
  },
});
