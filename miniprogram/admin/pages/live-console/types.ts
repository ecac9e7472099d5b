/** What the console's sections are given about the chosen live. */

export type CardRole = 'traffic' | 'trust' | null;

export interface ConsoleCard {
  cardId: string;
  productId: string;
  title: string;
  livePriceFen: number;
  role: CardRole;
}

export interface ConsoleCoupon {
  templateId: string;
  title: string;
}

export type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

export type Typed = WechatMiniprogram.Input & { currentTarget: { dataset: { field?: string } } };
