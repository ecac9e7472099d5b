import type { BroadcastKind, QuestionStatus, StaffQuestion } from '../../typings/contract/index';
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
