/**
 * `npm run bench -- <name>`: benchmarks that print their figures beside a baseline measured in the
 * same run. Never part of `npm test`.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  orders: () => import('./orders').then((m) => m.run()),
  coupons: () => import('./coupons').then((m) => m.run()),
  metrics: () => import('./metrics').then((m) => m.run()),
  postlive: () => import('./postlive').then((m) => m.run()),
  roundtrips: () => import('./roundtrips').then((m) => m.run()),
  coldstart: () => import('./coldstart').then((m) => m.run()),
  hot: () => import('./hot').then((m) => m.run()),
};

async function main() {
  const names = process.argv.slice(2);
  const chosen = names.length ? names : Object.keys(BENCHES);
  for (const name of chosen) {
    const bench = BENCHES[name];
    if (!bench) {
      console.error(`unknown benchmark ${name}; have: ${Object.keys(BENCHES).join(', ')}`);
      process.exit(2);
    }
    await bench();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
