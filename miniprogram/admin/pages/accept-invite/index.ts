import { acceptStaffInvite } from '../../../services/admin';
import { errorCode } from '../../../utils/errors';
import { inputValue } from '../../utils/form';
import { ROLE_TEXT } from '../../utils/labels';
import { adminErrorText } from '../../utils/staff';

type PageState = 'ready' | 'accepting' | 'done';

const CODE = /^[A-Za-z0-9]{8,16}$/;

/**
 * Accepting a staff invitation (admin subpackage, open to any signed-in user): opened from the
 * owner's share with `?code=`, or with the code typed in. The code is spent on the server; of many
 * people using it at once, one becomes staff.
 */
Component({
  data: {
    state: 'ready' as PageState,
    code: '',
    error: '',
    roleText: '',
    alreadyStaff: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const code = (options.code ?? '').trim();
      if (code) this.setData({ code });
    },

    onCodeInput(e: WechatMiniprogram.Input) {
      this.setData({ code: inputValue(e).trim(), error: '' });
    },

    async onAccept(): Promise<void> {
      if (this.data.state !== 'ready') return;
      const code = this.data.code;
      if (!CODE.test(code)) {
        this.setData({ error: '邀请码为 8–16 位字母或数字' });
        return;
      }
      this.setData({ state: 'accepting', error: '' });
      try {
        const r = await acceptStaffInvite(code);
        this.setData({ state: 'done', roleText: ROLE_TEXT[r.role] });
      } catch (e) {
        const alreadyStaff = errorCode(e) === 'ALREADY_STAFF';
        this.setData({ state: 'ready', alreadyStaff, error: alreadyStaff ? '你已经是店员了，可直接进入店铺管理' : adminErrorText(e) });
      }
    },

    onOpenAdmin() {
      wx.redirectTo({ url: '/admin/pages/index/index' });
    },
  },
});
