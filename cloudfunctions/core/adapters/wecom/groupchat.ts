import type { GroupChat } from '../../ports/wecom';

/**
 * `externalcontact/groupchat/get` (获取客户群详情): POST `{ chat_id, need_name: 1 }` answers
 * `group_chat`, read here for the cloud adapter and the simulator alike. `type` is 1 for staff,
 * 2 for an external contact; `state` is the join way's, present when it was configured with one.
 */
export interface GroupChatMemberBody {
  userid: string;
  type: 1 | 2;
  join_time: number;
  join_scene: number;
  invitor?: { userid: string };
  state?: string;
  unionid?: string;
  group_nickname?: string;
  name?: string;
}

export interface GroupChatBody {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  notice?: string;
  member_list: GroupChatMemberBody[];
  admin_list?: Array<{ userid: string }>;
  member_version?: string;
}

export const GROUP_CHAT_PATH = '/externalcontact/groupchat/get';

export function readGroupChat(chat: GroupChatBody): GroupChat {
  return {
    chatId: chat.chat_id,
    members: (chat.member_list ?? []).map((m) => ({
      userId: m.userid,
      kind: m.type === 2 ? 'external' : 'staff',
      state: m.state || null,
      unionid: m.unionid || null,
      joinedAt: (m.join_time ?? 0) * 1000,
    })),
  };
}
