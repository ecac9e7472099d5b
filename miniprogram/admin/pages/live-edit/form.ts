import type { InputFor, LiveDraft, LiveState, StaffProduct } from '../../../../typings/contract/index';
import { yuan } from '../../../utils/money';
import { specText as valuesText } from '../../../utils/aftersale';
import { parseYuan } from '../../utils/form';

/** The live editor's form as pure functions: times in China time, cards with a live price per SKU. */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-24" and "20:00" in China time. */
export function dayAndTime(ms: number): { day: string; time: string } {
  const d = new Date(ms + OFFSET_MS);
  return { day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
}

/** The moment a China-time day and clock name, or null when they do not parse. */
export function moment(day: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])) - OFFSET_MS;
  return Number.isNaN(ms) ? null : ms;
}

export type Role = '' | 'traffic' | 'trust';

export interface CardSkuForm {
  skuId: string;
  specText: string;
  priceFen: number;
  regularText: string;
  /** the live price typed, in yuan; empty: sells at the regular price in the live */
  live: string;
}

export interface CardForm {
  /** '' for a card not saved yet */
  cardId: string;
  productId: string;
  title: string;
  role: Role;
  skus: CardSkuForm[];
}

export interface LiveForm {
  title: string;
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  keywords: string;
  cards: CardForm[];
}

/** A SKU's spec values as a row names it ('默认规格' without specs). */
const specText = (specs: Record<string, string>) => valuesText(specs) || '默认规格';

/** A new live: tonight 20:00–22:00 China time (tomorrow once that has passed). */
export function emptyForm(now: number): LiveForm {
  const today = dayAndTime(now).day;
  let start = moment(today, '20:00')!;
  if (start <= now) start += 24 * 60 * 60 * 1000;
  const s = dayAndTime(start);
  const e = dayAndTime(start + 2 * 60 * 60 * 1000);
  return { title: '', startDay: s.day, startTime: s.time, endDay: e.day, endTime: e.time, keywords: '', cards: [] };
}

export function formOf(live: LiveDraft): LiveForm {
  const s = dayAndTime(live.startAt);
  const e = dayAndTime(live.endAt);
  return {
    title: live.title,
    startDay: s.day,
    startTime: s.time,
    endDay: e.day,
    endTime: e.time,
    keywords: live.keywords.join(' '),
    cards: live.cards.map((c) => ({
      cardId: c.cardId,
      productId: c.productId,
      title: c.title,
      role: c.role ?? '',
      skus: c.skus.map((s) => ({ skuId: s.skuId, specText: specText(s.specs), priceFen: s.priceFen, regularText: yuan(s.priceFen), live: s.livePriceFen === null ? '' : yuan(s.livePriceFen) })),
    })),
  };
}

/** A product picked for a new card: its on-sale SKUs, each starting at its regular price. */
export function cardOf(product: StaffProduct): CardForm {
  return {
    cardId: '',
    productId: product._id,
    title: product.title,
    role: '',
    skus: product.skus
      .filter((s) => s.status === 'on_sale')
      .map((s) => ({ skuId: s._id, specText: specText(s.specs), priceFen: s.priceFen, regularText: yuan(s.priceFen), live: yuan(s.priceFen) })),
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };
type CardInput = InputFor<'admin', 'createLive'>['cards'][number];

function cardsOf(cards: CardForm[]): Checked<Array<CardInput & { cardId?: string }>> {
  if (!cards.length) return { ok: false, field: 'cards', message: '请至少添加一个商品卡' };
  const out: Array<CardInput & { cardId?: string }> = [];
  for (const [i, c] of cards.entries()) {
    const skus: Array<{ skuId: string; livePriceFen: number }> = [];
    for (const s of c.skus) {
      if (!s.live.trim()) continue;
      const fen = parseYuan(s.live);
      if (fen === null || fen <= 0) return { ok: false, field: `cards.${i}`, message: `${c.title} · ${s.specText}：直播价请填大于 0 的金额` };
      if (fen > s.priceFen) return { ok: false, field: `cards.${i}`, message: `${c.title} · ${s.specText}：直播价不能高于日常价 ¥${s.regularText}` };
      skus.push({ skuId: s.skuId, livePriceFen: fen });
    }
    if (!skus.length) return { ok: false, field: `cards.${i}`, message: `${c.title}：至少给一个规格填直播价` };
    out.push({
      ...(c.cardId ? { cardId: c.cardId } : {}),
      productId: c.productId,
      livePriceFen: Math.min(...skus.map((s) => s.livePriceFen)),
      skus,
      ...(c.role ? { role: c.role } : {}),
    });
  }
  return { ok: true, value: out };
}

function times(form: LiveForm): Checked<{ startAt: number; endAt: number }> {
  const startAt = moment(form.startDay, form.startTime);
  const endAt = moment(form.endDay, form.endTime);
  if (startAt === null) return { ok: false, field: 'start', message: '请选择开播时间' };
  if (endAt === null) return { ok: false, field: 'end', message: '请选择结束时间' };
  if (endAt <= startAt) return { ok: false, field: 'end', message: '结束时间要晚于开播时间' };
  return { ok: true, value: { startAt, endAt } };
}

/** The keywords typed, split on spaces, commas or 、; each at most 12 characters, 30 at most. */
export function keywordsOf(text: string): Checked<string[]> {
  const words = [...new Set(text.split(/[\s,，、]+/).map((w) => w.trim()).filter(Boolean))];
  if (words.length > 30) return { ok: false, field: 'keywords', message: '互动关键词最多 30 个' };
  const long = words.find((w) => w.length > 12);
  if (long) return { ok: false, field: 'keywords', message: `关键词「${long}」太长，最多 12 个字` };
  return { ok: true, value: words };
}

/** The title, times and cards every save sends, or what to fix first. */
function liveFields(form: LiveForm): Checked<{ title: string; startAt: number; endAt: number; cards: Array<CardInput & { cardId?: string }> }> {
  const title = form.title.trim();
  if (!title) return { ok: false, field: 'title', message: '请填写直播标题' };
  const t = times(form);
  if (!t.ok) return t;
  const cards = cardsOf(form.cards);
  if (!cards.ok) return cards;
  return { ok: true, value: { title, ...t.value, cards: cards.value } };
}

export function createRequest(form: LiveForm): Checked<InputFor<'admin', 'createLive'>> {
  const f = liveFields(form);
  if (!f.ok) return f;
  return { ok: true, value: { ...f.value, cards: f.value.cards.map(({ cardId: _unused, ...c }) => c) } };
}

/** The form as an editLive request: the start only while the live has not started. */
export function editRequest(liveId: string, state: LiveState, form: LiveForm, rev: number): Checked<InputFor<'admin', 'editLive'>> {
  const f = liveFields(form);
  if (!f.ok) return f;
  const { title, startAt, endAt, cards } = f.value;
  return { ok: true, value: { liveId, title, ...(state === 'scheduled' ? { startAt } : {}), endAt, cards, rev } };
}

export const STATE_TEXT: Record<LiveState, string> = { scheduled: '未开始', live: '直播中', ended: '已结束' };
export const ROLE_OPTIONS: Array<{ key: Role; title: string }> = [
  { key: '', title: '普通' },
  { key: 'traffic', title: '引流款' },
  { key: 'trust', title: '信任款' },
];
