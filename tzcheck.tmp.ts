import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
dayjs.extend(utc); dayjs.extend(timezone);
const a = (ms: number) => dayjs(ms).tz('Asia/Shanghai');
const b = (ms: number) => dayjs(ms).utcOffset(480);
let bad = 0; let x = 12345;
const rnd = () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; };
for (let i = 0; i < 20000; i++) {
  const ms = Date.UTC(2024, 0, 1) + Math.floor(rnd() * 4 * 365 * 86400000);
  const ops: Array<[string, (d: dayjs.Dayjs) => unknown]> = [
    ['fmt', (d) => d.format('YYYY-MM-DD HH:mm:ss YYYYMMDD')],
    ['sod', (d) => d.startOf('day').valueOf()],
    ['eod', (d) => d.endOf('day').valueOf()],
    ['h10', (d) => d.hour(10).minute(0).second(0).millisecond(0).valueOf()],
    ['add', (d) => d.add(1, 'day').hour(8).minute(0).second(0).millisecond(0).valueOf()],
    ['sub12m', (d) => d.subtract(12, 'month').valueOf()],
    ['eoy', (d) => d.endOf('year').valueOf()],
    ['year', (d) => d.year()],
    ['hour', (d) => d.hour()],
  ];
  for (const [n, f] of ops) { const va = f(a(ms)); const vb = f(b(ms)); if (va !== vb) { if (bad++ < 5) console.log(n, ms, va, vb); } }
}
const t0 = Date.now(); for (let i = 0; i < 20000; i++) a(i * 1000).startOf('day').valueOf(); const t1 = Date.now(); for (let i = 0; i < 20000; i++) b(i * 1000).startOf('day').valueOf(); const t2 = Date.now();
console.log('mismatches', bad, 'tz ms', t1 - t0, 'offset ms', t2 - t1);
