import { buildAssociations, rankRecommendations, type CandidateProduct } from '../cloudfunctions/core/modules/recommend/rules';

/**
 * `npm run eval:recommend`: offline evaluation of the recommender on a generated purchase history
 * with planted co-purchase structure. Each customer's last purchase is held out; the models see
 * the rest (and the customer's product views) and rank 10 products. Printed side by side:
 * hit rate@10 (the held-out product is in the 10) and catalogue coverage (share of products that
 * appear in anyone's 10), for the blend we serve, its two halves, and a popularity baseline.
 *
 * The history: 400 products in 20 categories with skewed popularity; 60 planted pairs (bought A →
 * later often B, e.g. foundation → loose powder); each customer has one or two favourite categories.
 * Every purchase is, in turn, the complement of something they bought (45 %), a product of a
 * favourite category (35 %), or anything by popularity (20 %). Seeded, so every run prints the same.
 */
const PRODUCTS = 400;
const CATEGORIES = 20;
const PAIRS = 60;
const CUSTOMERS = 3000;
const K = 10;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20261124);
const int = (n: number) => Math.floor(random() * n);
function weighted<T>(items: T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let r = random() * total;
  for (const t of items) {
    r -= weight(t);
    if (r <= 0) return t;
  }
  return items[items.length - 1];
}

interface Product {
  id: string;
  category: string;
  popularity: number;
}

const products: Product[] = Array.from({ length: PRODUCTS }, (_, i) => ({
  id: `p${String(i).padStart(3, '0')}`,
  category: `c${String(i % CATEGORIES).padStart(2, '0')}`,
  // Zipf-like: a few best sellers, a long tail
  popularity: 1 / (1 + ((i * 7919) % PRODUCTS)) ** 0.8,
}));
const byCategory = new Map<string, Product[]>();
for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);

// planted pairs between tail products, mostly within a category (foundation → powder)
const complement = new Map<string, string>();
while (complement.size < PAIRS) {
  const a = products[int(PRODUCTS)];
  const pool = random() < 0.8 ? byCategory.get(a.category)! : products;
  const b = pool[int(pool.length)];
  if (a.id !== b.id && !complement.has(a.id) && ![...complement.values()].includes(b.id)) complement.set(a.id, b.id);
}

interface Customer {
  id: string;
  purchases: string[];
  views: string[];
}

const categoryOf = new Map(products.map((p) => [p.id, p.category]));
const customers: Customer[] = [];
for (let c = 0; c < CUSTOMERS; c++) {
  const favourites = [`c${String(int(CATEGORIES)).padStart(2, '0')}`, ...(random() < 0.5 ? [`c${String(int(CATEGORIES)).padStart(2, '0')}`] : [])];
  const purchases: string[] = [];
  const count = 3 + int(6);
  for (let n = 0; n < count; n++) {
    const owned = new Set(purchases);
    const open = purchases.filter((p) => complement.has(p) && !owned.has(complement.get(p)!));
    let next: string;
    const r = random();
    if (r < 0.45 && open.length) next = complement.get(open[open.length - 1])!;
    else if (r < 0.8) next = weighted(favourites.flatMap((f) => byCategory.get(f)!).filter((p) => !owned.has(p.id)), (p) => p.popularity).id;
    else next = weighted(products.filter((p) => !owned.has(p.id)), (p) => p.popularity).id;
    purchases.push(next);
  }
  // product views: what they bought before the last purchase, their favourite categories, some noise
  const viewed = [
    ...purchases.slice(0, -1),
    ...Array.from({ length: 3 }, () => byCategory.get(favourites[int(favourites.length)])![int(PRODUCTS / CATEGORIES)].id),
    products[int(PRODUCTS)].id,
  ];
  customers.push({ id: `u${c}`, purchases, views: viewed });
}

// training data: everything but each customer's last purchase
const train = customers.map((c) => c.purchases.slice(0, -1));
const table = buildAssociations(train);
const sales = new Map<string, number>();
for (const basket of train) for (const p of basket) sales.set(p, (sales.get(p) ?? 0) + 1);
const candidates = new Map<string, CandidateProduct>(
  products.map((p) => [p.id, { productId: p.id, title: p.id, categoryId: p.category, sales: sales.get(p.id) ?? 0, available: true }]),
);
const popularOrder = [...products].map((p) => p.id).sort((a, b) => (sales.get(b) ?? 0) - (sales.get(a) ?? 0) || (a < b ? -1 : 1));

type Model = (c: Customer, bought: string[]) => string[];
const interestsOf = (c: Customer) => {
  const m = new Map<string, number>();
  for (const v of c.views) m.set(categoryOf.get(v)!, (m.get(categoryOf.get(v)!) ?? 0) + 1);
  return m;
};
const rank = (c: Customer, bought: string[], assoc: boolean, category: boolean) =>
  rankRecommendations({
    bought: [...bought].reverse(),
    boughtTitles: new Map(),
    assoc: assoc ? table.items : new Map(),
    interests: category ? interestsOf(c) : new Map(),
    categoryNames: new Map(),
    live: null,
    candidates,
    limit: K,
  }).map((r) => r.productId);

const models: Array<[name: string, model: Model]> = [
  ['blend (served)', (c, b) => rank(c, b, true, true)],
  ['associations only', (c, b) => rank(c, b, true, false)],
  ['category only', (c, b) => rank(c, b, false, true)],
  ['popularity', (_c, b) => popularOrder.filter((p) => !b.includes(p)).slice(0, K)],
];

const started = Date.now();
const rows = models.map(([name, model]) => {
  let hits = 0;
  const shown = new Set<string>();
  for (const c of customers) {
    const bought = c.purchases.slice(0, -1);
    const top = model(c, bought);
    top.forEach((p) => shown.add(p));
    if (top.includes(c.purchases[c.purchases.length - 1])) hits++;
  }
  return { name, hitRate: hits / customers.length, coverage: shown.size / PRODUCTS };
});

console.log(
  `history: ${CUSTOMERS} customers, ${PRODUCTS} products in ${CATEGORIES} categories, ${PAIRS} planted pairs, ` +
    `${train.reduce((s, b) => s + b.length, 0)} training purchases; associations kept: ${table.pairs} pairs over ${table.items.size} products`,
);
console.log('model                 hit@10   coverage');
for (const r of rows) console.log(`${r.name.padEnd(20)}  ${(r.hitRate * 100).toFixed(1).padStart(5)}%   ${(r.coverage * 100).toFixed(1).padStart(5)}%`);
const ours = rows[0];
const popular = rows[rows.length - 1];
console.log(
  `eval:recommend: ours hit@10=${(ours.hitRate * 100).toFixed(1)}% coverage=${(ours.coverage * 100).toFixed(1)}% | popularity hit@10=${(popular.hitRate * 100).toFixed(1)}% coverage=${(popular.coverage * 100).toFixed(1)}% (${((Date.now() - started) / 1000).toFixed(1)}s)`,
);
