import { deleteTagRule, listTagRules, saveTagRule, usersByTag } from '../../../services/crm-admin';
import { confirmDialog } from '../../../utils/dialog';
import { formatDateTime } from '../../../utils/time';
import { crmRulesBehavior } from '../../behaviors/crm-rules';
import { inputValue, parseCount } from '../../utils/form';
import { showFailure } from '../../utils/staff';
import { FACTS, OPS, TAG_KEY, buildExpr, newCondition, ruleRow, type Condition } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

interface TagForm {
  tag: string;
  label: string;
  ttlDays: string;
  removeWhenFalse: boolean;
  join: 'all' | 'any';
  conditions: Condition[];
}

const emptyForm = (): TagForm => ({ tag: '', label: '', ttlDays: '30', removeWhenFalse: false, join: 'all', conditions: [newCondition()] });

const tagRules = crmRulesBehavior({ list: listTagRules, row: ruleRow });

/**
 * Tag rules (SCRM, admin subpackage): each rule, its readable text and how many users hold the
 * tag now; the users behind a tag; turn a rule on or off, delete it (its tags go with it), or add
 * one from conditions over the user facts (watch minutes, cart unpaid, …) joined by AND or OR.
 */
Component({
  behaviors: [tagRules],
  data: {
    openTag: '',
    users: [] as Array<{ key: string; nickname: string; source: string; timeText: string }>,
    usersTotal: 0,
    facts: FACTS,
    factLabels: FACTS.map((f) => f.label),
    ops: OPS,
    form: emptyForm(),
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async onUsers(e: Tap<{ tag: string }>): Promise<void> {
      const tag = e.currentTarget.dataset.tag;
      if (tag === this.data.openTag) {
        this.setData({ openTag: '', users: [] });
        return;
      }
      try {
        const page = await usersByTag(tag);
        this.setData({
          openTag: tag,
          usersTotal: page.total,
          users: page.items.map((u) => ({ key: `${u.userId}:${u.tag}`, nickname: u.nickname || u.userId, source: u.source, timeText: `${formatDateTime(u.addedAt)} 打上` })),
        });
      } catch (err) {
        showFailure(err);
      }
    },

    async onToggle(e: Tap<{ id: string }>): Promise<void> {
      const rule = this.editableRule(e.currentTarget.dataset.id);
      if (!rule) return;
      await this.changeRules(() =>
        saveTagRule({ ruleId: rule.ruleId, tag: rule.tag, label: rule.label, expr: rule.expr, ttlDays: rule.ttlDays, removeWhenFalse: rule.removeWhenFalse, enabled: !rule.enabled }),
      );
    },

    async onDelete(e: Tap<{ id: string }>): Promise<void> {
      const rule = this.editableRule(e.currentTarget.dataset.id);
      if (!rule) return;
      if (!(await confirmDialog({ title: '删除标签规则', content: `删除「${rule.label}」，并移除它打上的 ${rule.taggedUsers} 个标签。`, confirmText: '删除' }))) return;
      const deleted = await this.changeRules(
        () => deleteTagRule(rule.ruleId),
        () => (this.data.openTag === rule.tag ? { openTag: '', users: [] } : {}),
      );
      if (deleted.ok) wx.showToast({ title: `已删除，移除 ${deleted.answer.untagged} 个标签`, icon: 'none' });
    },

    onJoin(e: Tap<{ join: 'all' | 'any' }>) {
      this.setData({ 'form.join': e.currentTarget.dataset.join });
    },

    onRemoveWhenFalse(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'form.removeWhenFalse': !!e.detail.value });
    },

    onFact(e: WechatMiniprogram.PickerChange & Tap<{ index: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const factIndex = Number(e.detail.value);
      this.setData({ [`form.conditions[${i}]`]: { factIndex, op: 'gte', value: FACTS[factIndex]?.boolean ? 'true' : '' }, formError: '' });
    },

    onOp(e: Tap<{ index: number; op: string }>) {
      this.setData({ [`form.conditions[${Number(e.currentTarget.dataset.index)}].op`]: e.currentTarget.dataset.op });
    },

    onBoolean(e: Tap<{ index: number; value: string }>) {
      this.setData({ [`form.conditions[${Number(e.currentTarget.dataset.index)}].value`]: e.currentTarget.dataset.value });
    },

    onValue(e: WechatMiniprogram.Input & Tap<{ index: number }>) {
      this.setData({ [`form.conditions[${Number(e.currentTarget.dataset.index)}].value`]: inputValue(e), formError: '' });
    },

    onAddCondition() {
      if (this.data.form.conditions.length >= 10) return;
      this.setData({ 'form.conditions': [...this.data.form.conditions, newCondition()] });
    },

    onRemoveCondition(e: Tap<{ index: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ 'form.conditions': this.data.form.conditions.filter((_, k) => k !== i) });
    },

    async onSave(): Promise<void> {
      if (!this.data.canWrite || this.data.busy) return;
      const f: TagForm = this.data.form;
      const tag = f.tag.trim();
      if (!TAG_KEY.test(tag)) return this.setData({ formError: '标签键用小写字母开头，只含小写字母、数字和 _' });
      const label = f.label.trim();
      if (!label || label.length > 20) return this.setData({ formError: '请填写标签名称（最多 20 字）' });
      const ttlDays = parseCount(f.ttlDays, 1, 365);
      if (ttlDays === null) return this.setData({ formError: '标签有效期为 1–365 天' });
      const built = buildExpr(f.conditions, f.join);
      if (!built.ok) return this.setData({ formError: built.message });
      this.setData({ formError: '' });
      const saved = await this.changeRules(() => saveTagRule({ tag, label, expr: built.expr, ttlDays, removeWhenFalse: f.removeWhenFalse }), () => ({ form: emptyForm() }));
      if (saved.ok) wx.showToast({ title: '已保存', icon: 'success' });
    },
  },
});
