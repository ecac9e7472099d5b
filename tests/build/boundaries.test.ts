import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyse, loadProgram, type Violation } from '../../scripts/boundaries';

/**
 * The core's import rules (docs/ARCHITECTURE.md): modules import only lower layers and only through
 * their index.ts; modules never import flows; only a collection's owner writes it; no runtime import
 * cycle between core folders.
 */
const ROOT = path.resolve(__dirname, '../..');
const REAL_PORTS = path.join(ROOT, 'cloudfunctions/core/ports');

const show = (vs: Violation[]) => vs.map((v) => `${v.rule} ${v.file}:${v.line} ${v.message}`);

describe('core boundaries', () => {
  it('the core keeps every rule', () => {
    const { violations, edges } = analyse(ROOT);
    expect(show(violations)).toEqual([]);
    // the analysis saw the core: flows import modules, functions import flows
    expect(edges.some((e) => e.from.startsWith('flows/') && e.to.startsWith('modules/'))).toBe(true);
    expect(edges.some((e) => e.from.startsWith('functions/') && e.to.startsWith('flows/'))).toBe(true);
  });

  describe('on a core that breaks them', () => {
    let root: string;
    let found: string[];

    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'boundaries-'));
      const core = path.join(root, 'cloudfunctions/core');
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(core, rel)), { recursive: true });
        fs.writeFileSync(path.join(core, rel), text);
      };
      const db = `import type { Db } from '${REAL_PORTS.split(path.sep).join('/')}';\n`;
      write('modules/catalog/index.ts', "export * from './stock';\n");
      // catalog (layer 0) reaching into orders (layer 2), past its index
      write('modules/catalog/stock.ts', "import { total } from '../orders/pricing';\nexport const stock = () => total();\n");
      write('modules/orders/index.ts', "export * from './pricing';\n");
      write('modules/orders/pricing.ts', "import { flowStep } from '../../flows/checkout';\nexport const total = () => 1;\nexport const again = flowStep;\n");
      // a flow writing the orders collection itself, one through a handle, one in a transaction
      write(
        'flows/checkout.ts',
        `${db}import { total } from '../modules/orders';\nexport const flowStep = () => total();\n` +
          "export async function place(db: Db) {\n  const orders = db.collection('orders');\n  await orders.remove({ _id: 'x' });\n" +
          "  await db.transaction(async (tx) => tx.update('skus', 'x', { $inc: { stock: 1 } }));\n" +
          "  return db.collection('coupons').find({});\n}\n",
      );
      const { violations } = analyse(root, loadProgram(root));
      found = show(violations);
    });

    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('names an import of another module’s internals', () => {
      expect(found).toContainEqual(expect.stringMatching(/^internals modules\/catalog\/stock\.ts:1 .*modules\/orders\/pricing\.ts/));
    });

    it('names an import of a higher layer', () => {
      expect(found).toContainEqual(expect.stringMatching(/^layer modules\/catalog\/stock\.ts:1 .*catalog \(layer 0\).*orders is layer 2/));
    });

    it('names a module importing a flow', () => {
      expect(found).toContainEqual(expect.stringMatching(/^layer modules\/orders\/pricing\.ts:1 .*modules may not import flows/));
    });

    it('names every write by a non-owner, and not a read', () => {
      expect(found).toContainEqual(expect.stringMatching(/^collection flows\/checkout\.ts:5 .*writes collection 'orders', owned by module orders/));
      expect(found).toContainEqual(expect.stringMatching(/^collection flows\/checkout\.ts:7 .*writes collection 'skus', owned by module catalog/));
      expect(found.filter((f) => f.includes("'coupons'"))).toEqual([]);
    });

    it('names the runtime cycle between folders', () => {
      expect(found).toContainEqual(expect.stringMatching(/^cycle .*runtime import cycle between flows, modules\/orders/));
    });
  });
});
