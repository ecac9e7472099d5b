import { assetUrl, uploadImage, type UploadPurpose } from '../../services/call';
import { errorCode, errorText } from '../../utils/errors';

/** `change` detail: the uploaded photos' file ids, and whether one is still uploading. */
export interface PhotoPickerChange {
  fileIds: string[];
  uploading: boolean;
}

interface Photo {
  fileId: string;
  /** the picked file, shown as the thumbnail */
  path: string;
}

/** wx.chooseMedia for images; resolves [] when the shopper closes the sheet. */
function chooseImages(count: number): Promise<string[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((f) => f.tempFilePath)),
      fail: () => resolve([]),
    });
  });
}

/**
 * Photos for 售后凭证, 晒单 or a product's images: up to `max` picked with chooseMedia and uploaded (Storage, under
 * `purpose`) one by one, shown as thumbnails that can be removed. Reports every change as `change`.
 */
Component({
  properties: {
    max: { type: Number, value: 6 },
    /** the upload's purpose: the server checks the file against that purpose's rules when it is used */
    purpose: { type: String, value: 'aftersale' },
    hint: { type: String, value: '上传凭证' },
    disabled: { type: Boolean, value: false },
    /** images already kept (a product's own, when editing): shown first and reported as they are */
    initial: { type: Array, value: [] as string[] },
    /** a long press makes a photo the first one (a product's cover) */
    reorder: { type: Boolean, value: false },
  },
  observers: {
    /** a new list of kept images replaces the photos; the same list given again changes nothing */
    initial(images: string[]) {
      const key = JSON.stringify(images ?? []);
      if (key === this.data.initialKey) return;
      this.setData({ initialKey: key, photos: (images ?? []).map((src) => ({ fileId: src, path: assetUrl(src) })) });
    },
  },
  data: {
    photos: [] as Photo[],
    uploading: false,
    initialKey: '[]',
  },
  methods: {
    report() {
      const detail: PhotoPickerChange = { fileIds: this.data.photos.map((p) => p.fileId), uploading: this.data.uploading };
      this.triggerEvent('change', detail);
    },

    async onAdd(): Promise<void> {
      const left = this.data.max - this.data.photos.length;
      if (left <= 0 || this.data.uploading || this.data.disabled) return;
      const paths = (await chooseImages(left)).slice(0, left);
      if (!paths.length) return;
      this.setData({ uploading: true });
      this.report();
      for (const path of paths) {
        try {
          const fileId = await uploadImage(path, this.data.purpose as UploadPurpose);
          this.setData({ photos: [...this.data.photos, { fileId, path }] });
        } catch (e) {
          wx.showToast({ title: errorCode(e) === 'NETWORK' ? '图片上传失败，请重试' : errorText(e), icon: 'none' });
          break;
        }
      }
      this.setData({ uploading: false });
      this.report();
    },

    onRemove(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      if (this.data.uploading || this.data.disabled) return;
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_, i) => i !== index) });
      this.report();
    },

    onFirst(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      if (!this.data.reorder || this.data.uploading || this.data.disabled || index <= 0) return;
      const photos = [...this.data.photos];
      const [moved] = photos.splice(index, 1);
      this.setData({ photos: [moved!, ...photos] });
      this.report();
      wx.showToast({ title: '已设为封面', icon: 'none' });
    },

    onPreview(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const urls = this.data.photos.map((p) => p.path);
      wx.previewImage({ urls, current: urls[Number(e.currentTarget.dataset.index)] });
    },
  },
});
