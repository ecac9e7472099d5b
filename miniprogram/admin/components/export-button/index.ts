import type { ExportProgress, InputFor } from '../../../../typings/contract/index';
import { exportStep, startExport } from '../../../services/customers-admin';
import { copyText } from '../../../utils/clipboard';
import { instanceState } from '../../../utils/instance-state';
import { showFailure } from '../../utils/staff';

type ExportInput = InputFor<'admin', 'startExport'>;

const local = instanceState(() => ({ running: false, detached: false }));

const download = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: (r) => (r.statusCode === 200 ? resolve(r.tempFilePath) : reject(new Error(`HTTP ${r.statusCode}`))),
      fail: reject,
    });
  });

/**
 * 导出 CSV for a staff list: exports what `query` filters now, a page per call with the rows done so
 * far on the button, then offers the file to send to a chat (文件传输助手 opens it on a computer)
 * or its link to copy. A failed step is taken up again from where it stopped.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** the export's kind and filters, as startExport takes them */
    query: { type: Object, value: null as ExportInput | null },
  },
  data: {
    phase: 'idle' as 'idle' | 'running' | 'failed' | 'done',
    progressText: '',
    exportId: '',
    fileName: '',
    url: '',
    rows: 0,
  },
  lifetimes: {
    detached() {
      local(this).detached = true;
    },
  },
  observers: {
    query() {
      // new filters: the last file is no longer what the list shows
      if (this.data.phase === 'done' || this.data.phase === 'failed') this.setData({ phase: 'idle', exportId: '', url: '' });
    },
  },
  methods: {
    onStart() {
      if (this.data.phase === 'failed' && this.data.exportId) return void this.run(null);
      const query = this.data.query as ExportInput | null;
      if (query) void this.run(query);
    },

    /** Starts (with a query) or takes up the export, and steps it until its file is made. */
    async run(query: ExportInput | null): Promise<void> {
      const state = local(this);
      if (state.running) return;
      state.running = true;
      this.setData({ phase: 'running', progressText: '准备导出…' });
      try {
        let p: ExportProgress = query ? await startExport(query) : await exportStep(this.data.exportId);
        this.setData({ exportId: p.exportId });
        while (p.status !== 'done' && !state.detached) {
          this.setData({ progressText: `导出中 ${p.rows}/${p.total}` });
          p = await exportStep(p.exportId);
        }
        if (state.detached) return;
        this.setData({ phase: 'done', fileName: p.fileName, url: p.url ?? '', rows: p.rows });
      } catch (e) {
        if (!state.detached) this.setData({ phase: 'failed' });
        showFailure(e);
      } finally {
        state.running = false;
      }
    },

    async onSend(): Promise<void> {
      const { url, fileName } = this.data;
      if (!url) return;
      try {
        const filePath = await download(url);
        wx.shareFileMessage({ filePath, fileName, fail: () => wx.showToast({ title: '没有发送', icon: 'none' }) });
      } catch {
        wx.showToast({ title: '文件下载失败，请复制链接在电脑上打开', icon: 'none' });
      }
    },

    onCopy() {
      if (this.data.url) void copyText(this.data.url);
    },
  },
});
