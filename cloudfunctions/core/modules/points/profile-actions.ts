import type { Profile } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { setProfile } from '../../kernel/users';
import type { UserDoc } from '../../schema';

/** The profile as the member sees it: the avatar's file id turned into a URL the page can show. */
export async function profileView(ctx: Pick<Ctx, 'storage'>, user: Pick<UserDoc, 'nickname' | 'avatarFileId' | 'nicknameSetAt'>): Promise<Profile> {
  return {
    nickname: user.nickname,
    avatarUrl: user.avatarFileId ? await ctx.storage.url(user.avatarFileId) : null,
    nicknameSet: !!user.nicknameSetAt,
  };
}

/** 我的: the member's nickname and avatar. The record is the prelude's read: no call of its own. */
export const profileActions = bind<'points'>()({
  profile: {
    handler: async (ctx) => profileView(ctx, ctx.me!),
  },

  setProfile: {
    write: true,
    handler: async (ctx, { nickname, avatarFileId }) => {
      // a typed nickname passes WeChat's content check (profile scene) before it is kept; a check
      // that cannot answer lets it through rather than lock the member out of their own name
      if (nickname !== undefined) {
        const verdict = await ctx.contentSafety.checkText(nickname, ctx.caller.openid, 1).then((r) => r.suggest, () => 'pass' as const);
        if (verdict === 'risky') return fail('NICKNAME_REFUSED', undefined, 'nickname');
      }
      if (avatarFileId !== undefined) {
        const checked = await ctx.storage.check(avatarFileId, 'avatar');
        if (!checked.ok) return fail('FILE_INVALID', `avatar: ${checked.reason}`, 'avatarFileId');
      }
      await setProfile(ctx.db, ctx.caller.openid, { ...(nickname !== undefined ? { nickname } : {}), ...(avatarFileId !== undefined ? { avatarFileId } : {}) }, ctx.now);
      const me = ctx.me!;
      return profileView(ctx, {
        nickname: nickname ?? me.nickname,
        avatarFileId: avatarFileId ?? me.avatarFileId ?? null,
        nicknameSetAt: nickname !== undefined ? ctx.now : (me.nicknameSetAt ?? null),
      });
    },
  },
});
