import type { BroadcastKind, InputFor, LiveDraft, LiveState, QuestionStatus, StaffLiveRow, StaffQuestion } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** The staff live console's actions (function `admin`): NOT_STAFF for shoppers, FORBIDDEN for roles without live.write. */
export interface BroadcastInput {
  liveId: string;
  kind: BroadcastKind;
  text?: string;
  cardId?: string;
  couponTemplateId?: string;
  durationSec?: number;
}

export const pushBroadcast = (input: BroadcastInput, requestId = newRequestId()): Promise<{ broadcastId: string; expiresAt: number; groupCopy: string }> =>
  call('admin', 'pushBroadcast', input, { requestId });

export const setCardRole = (liveId: string, cardId: string, role: 'traffic' | 'trust' | null): Promise<{ role: 'traffic' | 'trust' | null }> =>
  call('admin', 'setCardRole', { liveId, cardId, role }, { requestId: newRequestId() });

export const listQuestions = async (liveId: string, status?: QuestionStatus): Promise<StaffQuestion[]> =>
  (await call('admin', 'listQuestions', status ? { liveId, status } : { liveId })).items;

export const markQuestion = (questionId: string, status: 'picked' | 'answered', answer?: string): Promise<{ status: QuestionStatus }> =>
  call('admin', 'markQuestion', answer === undefined ? { questionId, status } : { questionId, status, answer }, { requestId: newRequestId() });

export const addClip = (input: { liveId: string; title: string; videoUrl: string; productIds: string[] }): Promise<{ clipId: string }> =>
  call('admin', 'addClip', input, { requestId: newRequestId() });

export const publishLiveDigest = (liveId: string): Promise<{ postId: string; questionCount: number; clipCount: number }> =>
  call('admin', 'publishLiveDigest', { liveId }, { requestId: newRequestId() });

// Lives: the list, the editor, start and end by hand

export const listStaffLives = (query: InputFor<'admin', 'listStaffLives'> = {}): Promise<{ items: StaffLiveRow[]; total: number }> => call('admin', 'listStaffLives', query);

export const getLiveDraft = (liveId: string): Promise<LiveDraft> => call('admin', 'getLiveDraft', { liveId });

export const createLive = (input: InputFor<'admin', 'createLive'>, requestId = newRequestId()): Promise<{ liveId: string }> =>
  call('admin', 'createLive', input, { requestId });

export const editLive = (input: InputFor<'admin', 'editLive'>, requestId = newRequestId()): Promise<LiveDraft> => call('admin', 'editLive', input, { requestId });

/** 开播 / 结束 by hand; `auto` follows the times again. */
export const setLiveState = (liveId: string, state: 'live' | 'ended' | 'auto', requestId = newRequestId()): Promise<{ state: LiveState }> =>
  call('admin', 'setLiveState', { liveId, state }, { requestId });

export const setLiveKeywords = (liveId: string, keywords: string[], requestId = newRequestId()): Promise<{ keywords: string[] }> =>
  call('admin', 'setLiveKeywords', { liveId, keywords }, { requestId });
