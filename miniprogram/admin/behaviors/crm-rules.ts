import { instanceState } from '../../utils/instance-state';
import { inputValue } from '../utils/form';
import { showFailure, staffAccess } from '../utils/staff';
import { staffPageBehavior } from './staff-page';

type FieldInput = WechatMiniprogram.Input & WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { field: string }>;

/** Where a rules screen reads its rules and how it shows each one. */
export interface RuleSource<Rule, Row> {
  list(): Promise<Rule[]>;
  row(rule: Rule): Row;
}

/**
 * A CRM rules screen (SOP rules, tag rules), on staffPageBehavior: the rules as `rules` rows, whether
 * the staff may change them (`crm.write`), and each change written, then the rules read again,
 * with `busy` against a second tap. The page keeps its own `form` and checks it.
 */
export function crmRulesBehavior<Rule extends { ruleId: string }, Row>(source: RuleSource<Rule, Row>) {
  /** the rules as read, by the rows shown: a change is written from the rule, not from its row */
  const local = instanceState(() => ({ rules: [] as Rule[] }));
  const rulesView = (owner: object, rules: Rule[]) => {
    local(owner).rules = rules;
    return { rules: rules.map((r) => source.row(r)) };
  };

  return Behavior({
    behaviors: [staffPageBehavior],
    data: {
      canWrite: false,
      rules: [] as Row[],
      formError: '',
      busy: false,
    },
    methods: {
      load(): Promise<void> {
        return this.loadScreen(
          () => Promise.all([staffAccess(), source.list()]),
          ([access, rules]) => ({ canWrite: access.can['crm.write'], ...rulesView(this, rules) }),
        );
      },

      async refresh(): Promise<void> {
        this.setData(rulesView(this, await source.list()));
      },

      /** The rule behind a row, when the staff may change it now (allowed, and nothing being saved). */
      editableRule(ruleId: string): Rule | undefined {
        if (!this.data.canWrite || this.data.busy) return undefined;
        return local(this).rules.find((r) => r.ruleId === ruleId);
      },

      /** Writes a change and shows the rules again, with `after()` (read once both are done); a failure is a toast. */
      async changeRules<T>(write: () => Promise<T>, after: () => Record<string, unknown> = () => ({})): Promise<{ ok: true; answer: T } | { ok: false }> {
        this.setData({ busy: true });
        try {
          const answer = await write();
          await this.refresh();
          this.setData({ busy: false, ...after() });
          return { ok: true, answer };
        } catch (e) {
          this.setData({ busy: false });
          showFailure(e);
          return { ok: false };
        }
      },

      /** A text field of the form (`data-field`), clearing the form's error. */
      onInput(e: FieldInput) {
        this.setData({ [`form.${e.currentTarget.dataset.field}`]: inputValue(e), formError: '' });
      },
    },
  });
}
