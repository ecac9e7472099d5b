import type { StaffRole } from '../../../../typings/contract/index';
import { roleMay, type Permission } from '../../utils/permissions';
import { POSTLIVE_WINDOW_HOURS } from '../../../utils/generated/limits';

/** The staff home's entries, each shown only to roles holding the permission its screen is for. */
export interface AdminEntry {
  key: string;
  title: string;
  hint: string;
  url: string;
  permission: Permission;
}

export interface AdminGroup {
  title: string;
  entries: AdminEntry[];
}

const page = (name: string) => `/admin/pages/${name}/index`;

export const ADMIN_GROUPS: AdminGroup[] = [
  {
    title: '经营',
    entries: [
      { key: 'dashboard', title: '数据看板', hint: '直播与私域指标', url: page('dashboard'), permission: 'staff.read' },
      { key: 'orders', title: '订单', hint: '查询 · 发货 · 退款', url: page('orders'), permission: 'orders.fulfil' },
      { key: 'after-sales', title: '售后', hint: '退款 · 退货 · 换货', url: page('after-sales'), permission: 'orders.fulfil' },
      { key: 'reviews', title: '评价', hint: '审核 · 回复', url: page('reviews'), permission: 'staff.read' },
      { key: 'redemptions', title: '积分兑换发货', hint: '兑换的商品待发货', url: page('redemptions'), permission: 'orders.fulfil' },
      { key: 'products', title: '商品与库存', hint: '新建 · 上下架 · 改价 · 库存', url: page('products'), permission: 'catalog.write' },
      { key: 'categories', title: '分类管理', hint: '一级 · 二级分类', url: page('categories'), permission: 'catalog.write' },
      { key: 'banners', title: '首页轮播', hint: '图片 · 跳转', url: page('banners'), permission: 'catalog.write' },
    ],
  },
  {
    title: '直播与营销',
    entries: [
      { key: 'lives', title: '直播管理', hint: '新建 · 编辑 · 开播 · 结束', url: page('lives'), permission: 'staff.read' },
      { key: 'live-console', title: '直播控制台', hint: '推送 · 问答 · 内容', url: page('live-console'), permission: 'live.write' },
      { key: 'coupons', title: '优惠券模板', hint: '新建券', url: page('coupons'), permission: 'marketing.write' },
      { key: 'fission', title: '邀请有礼', hint: '邀请好友预约任务', url: page('fission'), permission: 'marketing.write' },
      { key: 'rewards', title: '积分商城', hint: '兑换商品 · 库存 · 停兑', url: page('rewards'), permission: 'marketing.write' },
      { key: 'raffles', title: '抽奖', hint: '创建 · 开奖 · 中奖明细', url: page('raffles'), permission: 'raffle.write' },
      { key: 'bindings', title: '邀请关系', hint: '绑定记录与规则', url: page('bindings'), permission: 'staff.read' },
    ],
  },
  {
    title: '私域运营',
    entries: [
      { key: 'customers', title: '顾客', hint: '搜索 · 标签 · 积分', url: page('customers'), permission: 'customers.read' },
      { key: 'tags', title: '标签规则', hint: '自动打标签', url: page('tags'), permission: 'crm.write' },
      { key: 'sop', title: 'SOP 规则', hint: '自动跟进步骤', url: page('sop'), permission: 'crm.write' },
      { key: 'tasks', title: '跟进任务', hint: '一对一跟进', url: page('tasks'), permission: 'crm.tasks' },
      { key: 'outbox', title: '消息发件箱', hint: '订阅消息 · 短信', url: page('outbox'), permission: 'staff.read' },
      { key: 'post-live', title: '直播后跟进', hint: `${POSTLIVE_WINDOW_HOURS} 小时内分群触达`, url: page('post-live'), permission: 'crm.write' },
    ],
  },
  {
    title: '店铺',
    entries: [
      { key: 'aftersale-settings', title: '售后与收货设置', hint: '退货地址 · 售后时限 · 自动收货', url: page('aftersale-settings'), permission: 'orders.refund' },
      { key: 'staff', title: '店员管理', hint: '邀请 · 角色', url: page('staff'), permission: 'staff.manage' },
      { key: 'audit', title: '操作记录', hint: '谁在何时改了什么', url: page('audit'), permission: 'audit.read' },
    ],
  },
];

/** The groups and entries `role` may use; groups left empty are dropped. */
export function groupsFor(role: StaffRole): AdminGroup[] {
  return ADMIN_GROUPS.map((g) => ({ title: g.title, entries: g.entries.filter((e) => roleMay(role, e.permission)) })).filter((g) => g.entries.length > 0);
}
