import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseRuntime, appVocabulary, RUNTIME_DIR, type StructureViolation, type Vocabulary } from '../../scripts/preview/structure';

/**
 * The preview runtime (scripts/preview/runtime/) knows no app and imports one way: no app code, no
 * package internals, no word of the app (derived from the app: its pages, actions, demo identities
 * and seeded data), no import cycle. Each rule is shown to fail on a synthetic runtime that breaks it.
 */
const show = (vs: StructureViolation[]) => vs.map((v) => `${v.rule} ${v.message}`);

describe('preview runtime structure', () => {
  let vocabulary: Vocabulary;

  beforeAll(async () => {
    vocabulary = await appVocabulary();
  }, 60_000);

  it('takes its forbidden words from the app itself', () => {
    const words = vocabulary.words.map((w) => w.text);
    expect(words).toEqual(expect.arrayContaining(['pages/home/index', 'admin/pages/index/index', 'mall.prepay', '/api/mall', 'demo-shopper', 'demo-staff', '小美', 'live-tonight', 'p-foundation', '/dev/pay', 'X-WX-OPENID']));
    expect(vocabulary.literals.map((w) => w.text)).toEqual(expect.arrayContaining(['prepay', 'mall']));
  });

  it('the runtime keeps every rule', () => {
    expect(fs.readdirSync(RUNTIME_DIR)).toEqual(expect.arrayContaining(['wx.ts', 'selector-query.ts', 'builtins']));
    expect(show(analyseRuntime({ vocabulary }))).toEqual([]);
  });

  describe('on a runtime that breaks them', () => {
    let root: string;
    let found: string[];

    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-structure-'));
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write('node_modules/open-pkg/package.json', JSON.stringify({ name: 'open-pkg', exports: { '.': './index.js', './public': './public.js', './features/*': './features/*.js' } }));
      write('miniprogram/config.ts', 'export const config = {};\n');
      write('cloudfunctions/core/ports.ts', 'export type Db = unknown;\n');
      write('elsewhere/util.ts', 'export const util = 1;\n');
      // what a clean runtime may do: packages by their public names, its own files, a stylesheet, platform words
      write(
        'runtime/clean.ts',
        "import './styles/clean.css';\nimport exparser from 'miniprogram-exparser';\nimport { pub } from 'open-pkg/public';\nimport { feature } from 'open-pkg/features/x';\n" +
          "import { helper } from './helper';\n// opens any page, e.g. pages/a/index; demonstrates the progress built-in\nexport const tag = 'progress';\nexport default [exparser, pub, feature, helper];\n",
      );
      write('runtime/helper.ts', 'export const helper = 1;\n');
      write('runtime/app-import.ts', "import { config } from '../miniprogram/config';\nimport type { Db } from '../cloudfunctions/core/ports';\nimport { util } from '../elsewhere/util';\nexport const x: [unknown, Db | null, number] = [config, null, util];\n");
      write(
        'runtime/internal.ts',
        "import utils from 'j-component/src/tool/utils';\nconst hidden = require('open-pkg/private');\ndeclare module 'j-component/src/tool/selectorquery' {}\nexport default [utils, hidden];\n",
      );
      write(
        'runtime/words.ts',
        "/** the live card deep link: #/pages/product/index?id=p-foundation */\nexport const who = 'demo-shopper';\n" +
          "export const isPrepay = (body: { action?: string }) => body.action === 'prepay';\nexport const api = /\\/api\\/mall$/;\nexport const name = 'mall.prepay';\n",
      );
      write('runtime/cycle-a.ts', "import { b } from './cycle-b';\nexport const a = () => b;\n");
      write('runtime/cycle-b.ts', "import type { C } from './cycle-c';\nexport const b: C | null = null;\n");
      write('runtime/cycle-c.ts', "import { a } from './cycle-a';\nexport type C = typeof a;\n");
      found = show(analyseRuntime({ runtimeDir: path.join(root, 'runtime'), root, vocabulary }));
    });

    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('leaves a clean file alone', () => {
      expect(found.filter((f) => f.includes('clean.ts') || f.includes('helper.ts'))).toEqual([]);
    });

    it('names a file importing app code, and one importing anything else outside the runtime', () => {
      expect(found).toContainEqual('app-code app-import.ts:1 imports app code: miniprogram/config.ts');
      expect(found).toContainEqual('app-code app-import.ts:2 imports app code: cloudfunctions/core/ports.ts');
      expect(found).toContainEqual('outside app-import.ts:3 imports elsewhere/util.ts, outside the runtime');
    });

    it("names a file importing or declaring a package's internal path", () => {
      expect(found).toContainEqual(expect.stringMatching(/^internal internal\.ts:1 imports j-component\/src\/tool\/utils: /));
      expect(found).toContainEqual(expect.stringMatching(/^internal internal\.ts:2 imports open-pkg\/private: open-pkg does not export "\.\/private"/));
      expect(found).toContainEqual(expect.stringMatching(/^internal internal\.ts:3 declares j-component\/src\/tool\/selectorquery: /));
    });

    it('names a file holding words of the app: a page path, a seeded id, a demo identity, an action', () => {
      const words = found.filter((f) => f.startsWith('app-word words.ts'));
      expect(words).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^app-word words\.ts:1 names "pages\/product\/index" \(a page in miniprogram\/app\.json\)/),
          expect.stringMatching(/^app-word words\.ts:1 names "p-foundation"/),
          expect.stringMatching(/^app-word words\.ts:2 names "demo-shopper" \(a demo identity\)/),
          expect.stringMatching(/^app-word words\.ts:3 has the string 'prepay' \(an action of function mall\)/),
          expect.stringMatching(/^app-word words\.ts:4 names "\/api\/mall"/),
          expect.stringMatching(/^app-word words\.ts:5 names "mall\.prepay" \(an action of the app\)/),
        ]),
      );
    });

    it('names an import cycle among runtime files, type-only imports included', () => {
      expect(found).toContainEqual('cycle import cycle: cycle-a.ts → cycle-b.ts → cycle-c.ts → cycle-a.ts');
      expect(found.filter((f) => f.startsWith('cycle'))).toHaveLength(1);
    });
  });
});
