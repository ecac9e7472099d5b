import type { RuleExpr } from '../../../typings/contract';
import type { BaseDoc } from './base';

/** A tag rule: while `expr` holds for a user, the user carries `tag` (标签). */
export interface TagRuleDoc extends BaseDoc {
  tag: string;
  label: string;
  expr: RuleExpr;
  ttlDays: number;
  removeWhenFalse: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** A tag a user holds, `_id` = userId:tag: where it came from, when, and until when. */
export interface UserTagDoc extends BaseDoc {
  userId: string;
  tag: string;
  /** `rule:<ruleId>`, `sop:<ruleId>` or `staff` */
  source: string;
  addedAt: number;
  expiresAt: number;
  /** the last evaluation that found its rule true */
  confirmedAt: number;
}

export const userTagId = (userId: string, tag: string) => `${userId}:${tag}`;
export const ruleSource = (ruleId: string) => `rule:${ruleId}`;
