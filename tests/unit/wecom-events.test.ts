import { memberChangeList, readEvent } from '../../cloudfunctions/core/adapters/wecom/codec';
import { welcomeOutcome } from '../../cloudfunctions/core/adapters/wecom/api';
import { welcomeMessage, WELCOME_TEXT_MAX } from '../../cloudfunctions/core/modules/wecom';
import { readGroupChat, type GroupChatBody } from '../../cloudfunctions/core/adapters/wecom/groupchat';
import { groupJoiners } from '../../cloudfunctions/core/modules/wecom/rules';
import type { GroupChatMember } from '../../cloudfunctions/core/ports';

const groupChange = (memberList: string) =>
  '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>' +
  '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[CHAT_ID]]></ChatId>' +
  '<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>1</JoinScene>' +
  `<QuitScene>0</QuitScene><MemChangeCnt>2</MemChangeCnt>${memberList}` +
  '<LastMemVer><![CDATA[9c3f97c2ada667dfb5f6d03308d963e1]]></LastMemVer><CurMemVer><![CDATA[71217227bbd112ecfe3a49c482195cb4]]></CurMemVer></xml>';

describe('the customer group change event (客户群变更事件)', () => {
  it('a member join names the chat and its new members, and carries no state', () => {
    expect(readEvent(groupChange('<MemChangeList><Item>Jack</Item><Item>Rose</Item></MemChangeList>'))).toEqual({
      type: 'join_group',
      chatId: 'CHAT_ID',
      memberIds: ['Jack', 'Rose'],
      at: 1403610513_000,
    });
  });

  it('reads MemChangeList as repeated Items (plain, CDATA, spaced) or as one comma-separated value', () => {
    expect(memberChangeList(groupChange('<MemChangeList>\n\t<Item><![CDATA[Jack]]></Item>\n\t<Item>Rose</Item>\n</MemChangeList>'))).toEqual(['Jack', 'Rose']);
    expect(memberChangeList(groupChange('<MemChangeList><![CDATA[Jack,Rose]]></MemChangeList>'))).toEqual(['Jack', 'Rose']);
    expect(memberChangeList(groupChange('<MemChangeList>Jack, Rose,</MemChangeList>'))).toEqual(['Jack', 'Rose']);
    expect(memberChangeList(groupChange('<MemChangeList><Item>Jack</Item><Item>Jack</Item></MemChangeList>'))).toEqual(['Jack']);
    expect(memberChangeList(groupChange('<MemChangeList></MemChangeList>'))).toEqual([]);
    expect(memberChangeList(groupChange(''))).toEqual([]);
  });

  it('other group changes, and a group event carrying a State anyway, are read for what they are', () => {
    expect(readEvent(groupChange('').replace('add_member', 'del_member'))).toEqual({ type: 'other', at: 1403610513_000 });
    const withState = readEvent(groupChange('<MemChangeList><Item>Jack</Item></MemChangeList>').replace('</xml>', '<State><![CDATA[lv_x]]></State></xml>'));
    expect(withState).toEqual({ type: 'join_group', chatId: 'CHAT_ID', memberIds: ['Jack'], at: 1403610513_000 });
  });

  const addContact =
    '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>' +
    '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>' +
    '<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>' +
    '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>';

  it('an add-contact event keeps its State and its WelcomeCode', () => {
    expect(readEvent(addContact)).toEqual({
      type: 'add_contact',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA',
      staffUserId: 'zhangsan',
      state: 'teststate',
      welcomeCode: 'WELCOMECODE',
      at: 1403610513_000,
    });
  });

  it('an add-contact without a WelcomeCode (a welcome message configured in WeCom) has none', () => {
    expect(readEvent(addContact.replace('<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>', ''))).toMatchObject({ type: 'add_contact', welcomeCode: null });
  });
});

describe('the customer group detail (获取客户群详情)', () => {
  const documented: GroupChatBody = {
    chat_id: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
    name: '销售客服群',
    owner: 'ZhuShengBen',
    create_time: 1572505490,
    notice: '文明沟通，拒绝脏话',
    member_list: [
      { userid: 'abel', type: 1, join_time: 1572505491, join_scene: 1, invitor: { userid: 'jack' }, group_nickname: '客服小张', name: '张三丰' },
      { userid: 'wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA', type: 2, unionid: 'ozynqsulJFCZ2z1aYeS8h-nuasdAAA', join_time: 1572505491, join_scene: 3, state: 'lv_live-1', group_nickname: '顾客老王', name: '王语嫣' },
    ],
    admin_list: [{ userid: 'sam' }],
    member_version: '71217227bbd112ecfe3a49c482195cb4',
  };

  it('reads each member’s kind, join way state and unionid', () => {
    expect(readGroupChat(documented)).toEqual({
      chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
      members: [
        { userId: 'abel', kind: 'staff', state: null, unionid: null, joinedAt: 1572505491_000 },
        { userId: 'wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA', kind: 'external', state: 'lv_live-1', unionid: 'ozynqsulJFCZ2z1aYeS8h-nuasdAAA', joinedAt: 1572505491_000 },
      ],
    });
  });
});

describe('who a group change brought in through a live', () => {
  const m = (userId: string, over: Partial<GroupChatMember> = {}): GroupChatMember => ({ userId, kind: 'external', state: 'lv_live-1', unionid: null, joinedAt: 1000, ...over });

  it('the new external members whose join way state is a live’s; not staff, not members without it, not earlier members', () => {
    const members = [
      m('staff-1', { kind: 'staff' }),
      m('wm-no-state', { state: null }),
      m('wm-campaign', { state: 'spring_campaign' }),
      m('wm-earlier'),
      m('wm-new', { unionid: 'u-1', joinedAt: 2000 }),
    ];
    expect(groupJoiners(members, ['staff-1', 'wm-no-state', 'wm-campaign', 'wm-new', 'wm-left-already'])).toEqual([
      { externalUserId: 'wm-new', liveId: 'live-1', state: 'lv_live-1', unionid: 'u-1', at: 2000 },
    ]);
    expect(groupJoiners(members, [])).toEqual([]);
  });
});

describe('the welcome message (新客户欢迎语)', () => {
  const clockOf = (ms: number) => {
    const d = new Date(ms + 8 * 3_600_000);
    return { day: `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`, time: `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` };
  };
  // 2026-12-06 10:00 in Shanghai; tonight's live at 20:00
  const now = Date.UTC(2026, 11, 6, 2, 0);
  const live = { _id: 'live-1', title: '冬季护肤专场', startAt: Date.UTC(2026, 11, 6, 12, 0), state: 'scheduled' as const };

  it('for a live later today: its title and time, and its room as the card', () => {
    const m = welcomeMessage(live, now, clockOf);
    expect(m.text).toContain('「冬季护肤专场」今天 20:00 开播');
    expect(m.miniprogram).toEqual({ title: '冬季护肤专场', page: 'pages/live/detail/index?live=live-1' });
  });

  it('for a live on another day: the day', () => {
    expect(welcomeMessage({ ...live, startAt: live.startAt + 2 * 86_400_000 }, now, clockOf).text).toContain('「冬季护肤专场」12月8日 20:00 开播');
  });

  it('for a live on now: into the room', () => {
    expect(welcomeMessage({ ...live, state: 'live' }, now, clockOf).text).toContain('「冬季护肤专场」正在直播');
  });

  it('without a live, or for one that ended: the mall home', () => {
    for (const m of [welcomeMessage(null, now, clockOf), welcomeMessage({ ...live, state: 'ended' }, now, clockOf)]) {
      expect(m.text).not.toContain('冬季护肤专场');
      expect(m.miniprogram.page).toBe('pages/index/index');
    }
  });

  it('stays within WeCom’s text limit', () => {
    expect(welcomeMessage({ ...live, title: '长'.repeat(2000) }, now, clockOf).text.length).toBeLessThanOrEqual(WELCOME_TEXT_MAX);
  });
});

describe('send_welcome_msg answers', () => {
  it('0 is sent, 41051 delivered already, 41096 another app sending; any other code is an error', () => {
    expect(welcomeOutcome({ errcode: 0, errmsg: 'ok' })).toBe('sent');
    expect(welcomeOutcome({ errcode: 41051, errmsg: 'externaluser has started chatting' })).toBe('already_sent');
    expect(welcomeOutcome({ errcode: 41096, errmsg: 'welcome msg is being distributed' })).toBe('busy');
    expect(() => welcomeOutcome({ errcode: 40097, errmsg: 'invalid welcome_code' })).toThrow(/40097/);
  });
});
