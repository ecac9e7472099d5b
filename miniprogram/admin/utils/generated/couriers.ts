// Generated from typings/contract/orders.ts by scripts/gen-client-tables.ts.
// Do not edit: change the server's source, then run `npm run gen:client-tables`.

/** The carriers staff ship with, by their id in WeChat's delivery list (what admin.shipOrder takes, by code or name). */
export const COURIERS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'SF', name: '顺丰速运' },
  { code: 'ZTO', name: '中通快递' },
  { code: 'YTO', name: '圆通速递' },
  { code: 'STO', name: '申通快递' },
  { code: 'YD', name: '韵达速递' },
  { code: 'JTSD', name: '极兔速递' },
  { code: 'JD', name: '京东快递' },
  { code: 'EMS', name: '中国邮政 EMS' },
];
