import type { MessageSettings } from '../../../typings/contract/index';

/** One 消息提醒 row: a template, how many sends it still allows, and what its button says. */
export interface TemplateRow {
  templateId: string;
  title: string;
  note: string;
  credits: number;
  creditsText: string;
  full: boolean;
  actionText: string;
}

/** Each accepted prompt allows one send; the platform keeps no count, so the page shows ours. */
export function templateRows(settings: MessageSettings): TemplateRow[] {
  return settings.templates.map((t) => {
    const full = t.credits >= settings.maxCredits;
    return {
      templateId: t.templateId,
      title: t.title,
      note: t.note,
      credits: t.credits,
      creditsText: full ? `已达上限 ${settings.maxCredits} 次` : t.credits > 0 ? `可提醒 ${t.credits} 次` : '未开启',
      full,
      actionText: t.credits > 0 ? '再开启一次' : '开启提醒',
    };
  });
}

export const SMS_NOTE = '开播与专属优惠的短信。短信里的「回 T 退订」也在这里生效，随时可以重新打开。';
