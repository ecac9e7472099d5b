import type { BroadcastKind } from '../../../../typings/contract';

/** Room rules as pure functions: masking askers, writing broadcast copy. */


const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export interface CopyFacts {
  liveTitle: string;
  card?: { title: string; livePriceFen: number; stock: number; rerunInMinutes: number | null };
  couponTitle?: string;
  text?: string;
}

/** The short line shown on the companion page and the ready-to-paste copy for the WeCom group. */
export function broadcastCopy(kind: BroadcastKind, f: CopyFacts): { text: string; groupCopy: string } {
  const room = `直播间「${f.liveTitle}」`;
  switch (kind) {
    case 'stock_warning': {
      const c = f.card!;
      const text = f.text || `${c.title} 仅剩 ${c.stock} 件`;
      return { text, groupCopy: `【库存告急】${c.title} 直播价 ${yuan(c.livePriceFen)}，仅剩 ${c.stock} 件！快进${room}下单` };
    }
    case 'rerun': {
      const c = f.card!;
      const when = c.rerunInMinutes ? `${c.rerunInMinutes} 分钟后` : '马上';
      const text = f.text || `${c.title} ${when}返场`;
      return { text, groupCopy: `【返场预告】${c.title} ${when}返场，直播价 ${yuan(c.livePriceFen)}，守住${room}别走开` };
    }
    case 'coupon_drop': {
      const title = f.couponTitle ?? '直播专享券';
      const text = f.text || `${title} 限量发放中`;
      return { text, groupCopy: `【直播福利】${title} 限量发放，先到先得！进${room}领取` };
    }
    default: {
      const text = f.text || '主播有话说';
      return { text, groupCopy: `【${f.liveTitle}】${text}` };
    }
  }
}
