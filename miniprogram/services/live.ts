import type {
  Broadcast,
  LiveDetail,
  LiveListItem,
  LiveState,
  MessageSettings,
  MyQuestion,
  Post,
  PostSummary,
  TrackEventInput,
} from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Lives for shoppers (function `live`): schedule, reservations, the companion room, content. */
export const listLives = async (state?: LiveState): Promise<LiveListItem[]> =>
  (await call('live', 'list', state ? { state } : {})).items;

export const getLive = (liveId: string): Promise<LiveDetail> => call('live', 'get', { liveId });

/** Subscribe answers as wx.requestSubscribeMessage gives them: template id → accept / reject / ban / filter. */
export type ConsentAnswers = Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;

export interface ReserveInput {
  liveId: string;
  inviteCode?: string;
  consents?: ConsentAnswers;
}

export const reserveLive = (input: ReserveInput, requestId = newRequestId()): Promise<{ reserved: true; reservationCount: number }> =>
  call('live', 'reserve', input, { requestId });

export const cancelReservation = (liveId: string, requestId = newRequestId()): Promise<{ reserved: false; reservationCount: number }> =>
  call('live', 'cancelReservation', { liveId }, { requestId });

/** What wx.reserveChannelsLive reported, kept next to our own reservation. */
export const recordChannelsReservation = (liveId: string, state: number): Promise<{ recorded: boolean }> =>
  call('live', 'recordChannelsReservation', { liveId, state }, { requestId: newRequestId() });

export const recordConsents = (consents: ConsentAnswers): Promise<{ credits: Record<string, number> }> =>
  call('live', 'recordConsents', { consents }, { requestId: newRequestId() });

/** 消息提醒: the caller's credits per template the shop sends, and their SMS choice. */
export const messageSettings = (): Promise<MessageSettings> => call('live', 'messageSettings', {});

export const setSmsOptOut = (optOut: boolean, requestId = newRequestId()): Promise<{ smsOptedOut: boolean }> =>
  call('live', 'setSmsOptOut', { optOut }, { requestId });

/** The phone behind a getPhoneNumber button's code becomes the SMS number; answers it masked. */
export const bindPhone = (code: string, requestId = newRequestId()): Promise<{ phone: string }> => call('live', 'bindPhone', { code }, { requestId });

/** One batch of room events; the server counts a batch id once, so a retry must reuse it. */
export const track = (batchId: string, events: TrackEventInput[]): Promise<{ accepted: number; duplicate: boolean }> =>
  call('live', 'track', { batchId, events });

export const listBroadcasts = (liveId: string): Promise<{ items: Broadcast[]; now: number }> => call('live', 'broadcasts', { liveId });

export const ask = (liveId: string, text: string, requestId = newRequestId()): Promise<{ questionId: string }> =>
  call('live', 'ask', { liveId, text }, { requestId });

export const myQuestions = async (liveId: string): Promise<MyQuestion[]> => (await call('live', 'myQuestions', { liveId })).items;

export const listPosts = (page = 1): Promise<{ items: PostSummary[]; total: number }> => call('live', 'listPosts', { page });

export const getPost = (postId: string): Promise<Post> => call('live', 'getPost', { postId });
