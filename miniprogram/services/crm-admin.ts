import type { InputFor, OutboxEntry, PostLiveProgress, SopRule, StaffTask, TaggedUser, TagRule } from '../../typings/contract/index';
import type { Page } from './admin';
import { call, newRequestId } from './call';

/** Staff outreach tools (function `admin`): tag rules, SOP rules, follow-up tasks, the outbox, the post-live job. */

export type TagRuleInput = InputFor<'admin', 'saveTagRule'>;
export type SopRuleInput = InputFor<'admin', 'saveSopRule'>;

export const listTagRules = async (): Promise<TagRule[]> => (await call('admin', 'listTagRules', {})).items;

export const saveTagRule = (input: TagRuleInput, requestId = newRequestId()): Promise<{ ruleId: string }> =>
  call('admin', 'saveTagRule', input, { requestId });

export const deleteTagRule = (ruleId: string, requestId = newRequestId()): Promise<{ deleted: true; untagged: number }> =>
  call('admin', 'deleteTagRule', { ruleId }, { requestId });

export const usersByTag = (tag: string, page = 1): Promise<Page<TaggedUser>> => call('admin', 'usersByTag', { tag, page });

export const listSopRules = async (): Promise<SopRule[]> => (await call('admin', 'listSopRules', {})).items;

export const saveSopRule = (input: SopRuleInput, requestId = newRequestId()): Promise<{ ruleId: string }> =>
  call('admin', 'saveSopRule', input, { requestId });

export const listStaffTasks = (query: InputFor<'admin', 'listStaffTasks'> = {}): Promise<Page<StaffTask>> => call('admin', 'listStaffTasks', query);

export const completeStaffTask = (taskId: string, note?: string, requestId = newRequestId()): Promise<{ status: 'done' }> =>
  call('admin', 'completeStaffTask', note ? { taskId, note } : { taskId }, { requestId });

export const listOutbox = (query: InputFor<'admin', 'listOutbox'> = {}): Promise<Page<OutboxEntry>> => call('admin', 'listOutbox', query);

/** Runs (or resumes) the post-live job for a live that ended less than 24 h ago. */
export const runPostLive = (liveId: string, requestId = newRequestId()): Promise<PostLiveProgress> =>
  call('admin', 'runPostLive', { liveId }, { requestId });

export const postLiveProgress = (liveId: string): Promise<PostLiveProgress> => call('admin', 'postLiveProgress', { liveId });
