import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { KEYWORD_MAX, purposeOf, subscribeData, TEMPLATE_DEFAULTS, TemplateMismatch, TEMPLATES, templateId, TIME_VALUE, type TemplatePurpose } from '../../cloudfunctions/core/modules/messaging';

const ROOT = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = `${dir}/${d.name}`;
    if (d.isDirectory()) return tsFiles(rel);
    return d.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Every object literal in the server with `template: templateId('<purpose>')` and a literal `params: {…}`. */
function literalSends(): Array<{ file: string; purpose: string; keys: string[] }> {
  const out: Array<{ file: string; purpose: string; keys: string[] }> = [];
  for (const file of tsFiles('cloudfunctions/core')) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name: string) => node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name);
        const template = prop('template')?.initializer;
        const params = prop('params')?.initializer;
        if (template && ts.isCallExpression(template) && template.expression.getText() === 'templateId' && params && ts.isObjectLiteralExpression(params)) {
          const arg = template.arguments[0];
          out.push({ file, purpose: ts.isStringLiteral(arg) ? arg.text : arg.getText(), keys: params.properties.map((p) => p.name!.getText()).sort() });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

describe('the declared subscribe templates', () => {
  it('declares every purpose the shop has an id for, with keywords of known types', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual(Object.keys(TEMPLATE_DEFAULTS).sort());
    for (const spec of Object.values(TEMPLATES)) {
      expect(Object.keys(spec.keywords).length).toBeGreaterThan(0);
      for (const [k, type] of Object.entries(spec.keywords)) {
        expect(k).toMatch(new RegExp(`^${type}\\d+$`));
        expect(KEYWORD_MAX[type]).toBeGreaterThan(0);
      }
    }
  });

  it('every send written out in the code fills exactly its template’s keywords', () => {
    const sends = literalSends();
    // reminders, restock, the raffle result and order notices are written out; post-live and SOP build theirs and are checked at send
    expect(new Set(sends.map((s) => s.purpose))).toEqual(new Set(['liveStart', 'restock', 'raffleResult', 'marketing', 'orderUpdate']));
    for (const s of sends) {
      expect({ at: s.file, purpose: s.purpose, keys: s.keys }).toEqual({ at: s.file, purpose: s.purpose, keys: Object.keys(TEMPLATES[s.purpose as TemplatePurpose].keywords).sort() });
    }
  });

  it('a send with other keywords than its template’s is refused before anything is recorded', () => {
    expect(() => subscribeData('marketing', { thing1: '活动', thing2: '内容' })).toThrow(TemplateMismatch);
    expect(() => subscribeData('marketing', { thing1: '活动', thing2: '内容', thing3: '提示', thing4: '多' })).toThrow(/thing1,thing2,thing3,thing4/);
    expect(() => subscribeData('liveStart', { thing1: '直播', time2: ' ', thing3: '提示' })).toThrow(/time2 is empty/);
  });

  it('cuts each value to its type’s limit, counting characters not bytes', () => {
    const data = subscribeData('restock', { thing1: '长'.repeat(30), thing2: '规格', thing3: '😀'.repeat(25) });
    expect([...data.thing1]).toHaveLength(20);
    expect([...data.thing3]).toHaveLength(20);
    expect(data.thing2).toBe('规格');
    expect(subscribeData('orderUpdate', { character_string1: 'A'.repeat(40), thing2: '已发货', phrase3: '运输中运输中' })).toEqual({
      character_string1: 'A'.repeat(32),
      thing2: '已发货',
      phrase3: '运输中运输',
    });
  });

  it('knows a configured id’s purpose, in the cloud from TPL_*', () => {
    expect(purposeOf(templateId('marketing'))).toBe('marketing');
    expect(purposeOf('tpl-from-console', { TPL_RAFFLE_RESULT: 'tpl-from-console' })).toBe('raffleResult');
    expect(purposeOf('someone-elses')).toBeNull();
  });

  it('takes a time only in the form WeChat documents', () => {
    for (const ok of ['15:01', '2019年10月1日 15:01', '10月1日 8:00~10:00', '2019年10月1日 15:01~2019年10月2日 09:00']) expect(TIME_VALUE.test(ok)).toBe(true);
    for (const bad of ['2023-03-24 11:50:00', '2026-12-07 10:00', '2020年4月12日', '明天']) expect(TIME_VALUE.test(bad)).toBe(false);
    const params = { character_string1: 'O1', thing2: '自然眉笔', thing3: '实付 ¥49.00', time4: '2026-12-07 10:00' };
    expect(() => subscribeData('newOrder', params)).toThrow('time4 is not a WeChat time');
    expect(subscribeData('newOrder', { ...params, time4: '2026年12月7日 10:00' }).time4).toBe('2026年12月7日 10:00');
  });
});
