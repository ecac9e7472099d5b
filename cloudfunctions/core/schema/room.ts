import type { BaseDoc } from './base';
import type { BroadcastKind, QuestionStatus } from '../../../typings/contract';

export interface BroadcastDoc extends BaseDoc {
  liveId: string;
  kind: BroadcastKind;
  text: string;
  cardId: string | null;
  couponTemplateId: string | null;
  createdAt: number;
  expiresAt: number;
  createdBy: string;
}

export interface QuestionDoc extends BaseDoc {
  liveId: string;
  userId: string;
  text: string;
  status: QuestionStatus;
  answer: string | null;
  createdAt: number;
  updatedAt: number;
  answeredAt: number | null;
}

export interface ClipDoc extends BaseDoc {
  liveId: string;
  title: string;
  videoUrl: string;
  productIds: string[];
  createdAt: number;
}

export interface PostDoc extends BaseDoc {
  title: string;
  cover: string;
  liveId: string | null;
  publishedAt: number;
  clips: Array<{ clipId: string; title: string; videoUrl: string; productIds: string[] }>;
  questions: Array<{ questionId: string; text: string; answer: string }>;
  productIds: string[];
}

export const digestId = (liveId: string) => `digest-${liveId}`;
