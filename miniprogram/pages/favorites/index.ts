import type { FavoriteItem } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import type { ShelfSelect } from '../../components/shelf-item/index';
import { shelfRow, type ShelfRow } from '../../components/shelf-item/utils';
import { listFavorites, setFavorite } from '../../services/browsing';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { openShelfProduct } from '../../utils/shelf';

const local = instanceState(() => ({ removing: new Set<string>() }));

/** Newest first, and a product kept again moves up: a row already listed is not listed twice. */
const favorites = pagedListBehavior<FavoriteItem, ShelfRow>({ list: 'rows', row: shelfRow, key: (f) => f.productId });

/**
 * 我的收藏: the products the shopper keeps, last kept first; 已下架 ones marked and kept until
 * removed. Back from a product (where 收藏 may have been turned off) the list is read again.
 */
Component({
  behaviors: [favorites],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    rows: [] as ShelfRow[],
  },
  methods: {
    fetchPage(page: number): Promise<ListPage<FavoriteItem>> {
      return listFavorites(page);
    },

    onSelect(e: WechatMiniprogram.CustomEvent<ShelfSelect>) {
      openShelfProduct(e.detail);
    },

    /** 取消收藏: off on the server, then the list read again (the pages after it shift by one). */
    async onRemove(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>): Promise<void> {
      const productId = e.currentTarget.dataset.id;
      const { removing } = local(this);
      if (removing.has(productId)) return;
      removing.add(productId);
      try {
        await setFavorite(productId, false);
        wx.showToast({ title: '已取消收藏', icon: 'none' });
        await this.loadFirst(true);
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        removing.delete(productId);
      }
    },

    onBrowse() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
