import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { docOf, GENERATED, literal, renderDoc } from '../../scripts/gen-client-tables';
import { ERROR_CODES } from '../../cloudfunctions/core/kernel/errors';
import { PERMISSIONS as SERVER_PERMISSIONS, STAFF_ROLES as SERVER_ROLES } from '../../cloudfunctions/core/kernel/permissions';
import * as SERVER_LIMITS from '../../typings/contract/limits';
import { ERROR_TEXTS } from '../../miniprogram/utils/generated/errors';
import * as CLIENT_LIMITS from '../../miniprogram/utils/generated/limits';
import { PERMISSIONS as CLIENT_PERMISSIONS, STAFF_ROLES as CLIENT_ROLES } from '../../miniprogram/admin/utils/generated/permissions';
import { CLIENT_ERROR_TEXTS, errorText } from '../../miniprogram/utils/errors';

const ROOT = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = `${dir}/${d.name}`;
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'miniprogram_npm' ? [] : tsFiles(rel);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const SERVER_FILES = tsFiles('cloudfunctions').map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));

/** A literal code thrown (`fail('X'`, `new AppError('X'`, the idempotency `refuse('X')`) or decided (`{ ok: false, code: 'X' }`, thrown by the caller). */
const THROWN = [/\b(?:new AppError|fail|refuse)\(\s*'([A-Z][A-Z0-9_]*)'/g, /\{ ok: false, code: '([A-Z][A-Z0-9_]*)' \}/g];

/**
 * The call sites that throw a code held in a variable, each with where its codes are written as
 * literals (and so scanned by THROWN). A new such site must be added here once its codes are.
 */
const DYNAMIC_SITES: Record<string, string> = {
  'cloudfunctions/core/kernel/errors.ts: new AppError(code': 'fail itself: its callers pass literals',
  'cloudfunctions/core/kernel/idempotency.ts: new AppError(code': "refuse('X') literals",
  'cloudfunctions/core/modules/referral/actions.ts: fail(decision.code': "bindingDecision's { ok: false, code: 'X' } literals",
  'cloudfunctions/core/modules/live/admin-actions.ts: fail(problem.code': "cardsEditProblem's { code: 'X' } literals",
  'cloudfunctions/core/flows/payment-notify.ts: fail(401': 'an HTTP answer to WeChat Pay, not an API error',
  'cloudfunctions/core/flows/payment-notify.ts: fail(400': 'an HTTP answer to WeChat Pay, not an API error',
  'cloudfunctions/core/flows/payment-notify.ts: fail(503': 'an HTTP answer to WeChat Pay, not an API error',
};

function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  for (const { text } of SERVER_FILES) for (const pattern of THROWN) for (const m of text.matchAll(pattern)) codes.add(m[1]);
  return codes;
}

function dynamicSites(): string[] {
  return SERVER_FILES.flatMap(({ file, text }) =>
    [...text.matchAll(/\b(?:new AppError|fail|refuse)\(\s*([^'\s)][^,)]*)/g)].map((m) => `${file}: ${m[0].replace(/\(\s+/, '(')}`),
  ).sort();
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('the generated client tables', () => {
  it.each(GENERATED.map((g) => [path.relative(ROOT, g.file), g] as const))('%s is up to date (run `npm run gen:client-tables`)', (_name, g) => {
    expect(fs.readFileSync(g.file, 'utf8')).toBe(g.render());
  });

  it("hold the server's permission table, staff roles and limits", () => {
    expect(CLIENT_PERMISSIONS).toEqual(SERVER_PERMISSIONS);
    expect(CLIENT_ROLES).toEqual(SERVER_ROLES);
    expect({ ...CLIENT_LIMITS }).toEqual({ ...SERVER_LIMITS });
    expect(CLIENT_LIMITS.MAX_CART_LINES).toBe(50);
  });

  it('carry the doc comments of the server source', () => {
    const limits = fs.readFileSync(GENERATED[1].file, 'utf8');
    expect(limits).toContain('/** Lines one cart holds; adding another is CART_FULL. */\nexport const MAX_CART_LINES = 50;');
    const permissions = fs.readFileSync(GENERATED[2].file, 'utf8');
    expect(permissions).toContain("  /** invite, re-role and remove staff */\n  'staff.manage': ['owner'],");
  });
});

describe("the server's error codes and their Chinese texts", () => {
  it('finds every place the server throws a code it does not write as a literal', () => {
    expect(dynamicSites()).toEqual(Object.keys(DYNAMIC_SITES).sort());
  });

  it('give every code the server can throw a Chinese text', () => {
    const thrown = [...thrownCodes()];
    expect(thrown.length).toBeGreaterThan(50);
    expect(thrown.filter((code) => !(code in ERROR_CODES))).toEqual([]);
    expect(thrown.filter((code) => !CHINESE.test((ERROR_TEXTS as Record<string, string>)[code] ?? ''))).toEqual([]);
  });

  it('leave no text orphaned: one per listed code, and every listed code is thrown somewhere', () => {
    const thrown = thrownCodes();
    expect(Object.keys(ERROR_TEXTS).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(Object.keys(ERROR_TEXTS).filter((code) => !thrown.has(code))).toEqual([]);
  });

  it("show each code's text in the mini program, and its own codes apart from the server's", () => {
    for (const [code, text] of Object.entries(ERROR_TEXTS)) expect([code, errorText({ code, message: 'English' })]).toEqual([code, text]);
    expect(Object.keys(CLIENT_ERROR_TEXTS).filter((code) => code in ERROR_CODES)).toEqual([]);
    expect(errorText({ code: 'CART_FULL' })).toBe('购物车已满，最多 50 种商品');
    expect(errorText({ code: 'PRIZE_CLAIM_EXPIRED' })).toBe('已超过 7 天领奖期限，奖品已失效');
    expect(errorText(new Error('offline'))).toBe(CLIENT_ERROR_TEXTS.NETWORK);
    expect(errorText({ code: 'SOMETHING_NEW', message: '新的提示' })).toBe('新的提示');
  });
});

describe('the mini program', () => {
  it('imports server and contract code for its types only', () => {
    const runtime: string[] = [];
    for (const file of tsFiles('miniprogram')) {
      const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
      for (const s of source.statements) {
        const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
        if (!spec || !/(^|\/)(cloudfunctions|typings)\//.test(spec)) continue;
        const typeOnly = ts.isImportDeclaration(s)
          ? !!s.importClause?.isTypeOnly ||
            (!!s.importClause && !s.importClause.name && !!s.importClause.namedBindings && ts.isNamedImports(s.importClause.namedBindings) && s.importClause.namedBindings.elements.every((e) => e.isTypeOnly))
          : ts.isExportDeclaration(s) && s.isTypeOnly;
        if (!typeOnly) runtime.push(`${file}: ${spec}`);
      }
    }
    expect(runtime).toEqual([]);
  });
});

describe('the generator', () => {
  it('quotes, and carries doc comments one line or as a block', () => {
    expect(literal('最多 50 种')).toBe("'最多 50 种'");
    expect(literal("it's")).toBe('"it\'s"');
    expect(renderDoc('one line', '  ')).toEqual(['  /** one line */']);
    expect(renderDoc('first\n\nsecond')).toEqual(['/**', ' * first', ' *', ' * second', ' */']);
    expect(renderDoc(null)).toEqual([]);
    const source = ts.createSourceFile('x.ts', '/** file */\n\n/** the doc */\nexport const A = 1;\n/**\n * two\n * lines\n */\nexport const B = 2;\nexport const C = 3;\n', ts.ScriptTarget.Latest, true);
    const [a, b, c] = source.statements;
    expect([docOf(source, a), docOf(source, b), docOf(source, c)]).toEqual(['the doc', 'two\nlines', null]);
  });
});
