import type { MyQuestion } from '../../../../../../typings/contract/index';
import { ask, myQuestions } from '../../../../../services/live';
import { errorText } from '../../../../../utils/errors';
import { QUESTION_MAX_CHARS, QUESTION_MIN_CHARS } from '../../../../../utils/generated/limits';
import { changes, isEmpty } from '../../../../../utils/set-data';
import { QUESTION_STATUS_TEXT } from '../../utils';

interface QuestionView {
  _id: string;
  text: string;
  status: string;
  answer: string;
}

const questionView = (q: MyQuestion): QuestionView => ({ _id: q._id, text: q.text, status: QUESTION_STATUS_TEXT[q.status], answer: q.answer ?? '' });

/** What the page calls on the section: read the viewer's questions again (their answers come in on it). */
export interface RoomQuestionsMethods {
  load(): Promise<void>;
}

/**
 * 向主播提问: a box to ask the host a question (between the shop's minimum and maximum length) and
 * the viewer's own questions with their status and answer. It reads them when the page calls `load`.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
  },
  data: {
    questions: [] as QuestionView[],
    askText: '',
    askMin: QUESTION_MIN_CHARS,
    askMax: QUESTION_MAX_CHARS,
    asking: false,
  },
  methods: {
    async load(): Promise<void> {
      try {
        const items = await myQuestions(this.data.liveId);
        const patch = changes(this.data, { questions: items.map(questionView) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // kept as shown
      }
    },

    onAskInput(e: WechatMiniprogram.Input) {
      this.setData({ askText: e.detail.value });
    },

    async onAsk(): Promise<void> {
      const text = this.data.askText.trim();
      if (this.data.asking) return;
      if (text.length < QUESTION_MIN_CHARS) {
        wx.showToast({ title: `问题至少 ${QUESTION_MIN_CHARS} 个字`, icon: 'none' });
        return;
      }
      this.setData({ asking: true });
      try {
        await ask(this.data.liveId, text);
        this.setData({ asking: false, askText: '' });
        wx.showToast({ title: '已提交，主播会挑选回答', icon: 'none' });
        await this.load();
      } catch (e) {
        this.setData({ asking: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },
  },
});
