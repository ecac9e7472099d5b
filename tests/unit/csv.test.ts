import { parse } from 'csv-parse/sync';
import { CSV_BOM, csvField, csvLine, csvYuan } from '../../cloudfunctions/core/kernel/csv';

describe('CSV as Excel reads it', () => {
  it('quotes what needs quoting and keeps the rest as it is', () => {
    expect(csvField('柔雾持妆粉底液')).toBe('柔雾持妆粉底液');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('一行\n两行')).toBe('"一行\n两行"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('never lets a field run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+86 138', '-1', '@SUM(A1)', '\tx']) expect(csvField(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=1+1,2')).toBe(`"'=1+1,2"`);
  });

  it('writes yuan from fen with two decimals', () => {
    expect([csvYuan(0), csvYuan(5), csvYuan(12345), csvYuan(-500)]).toEqual(['0.00', '0.05', '123.45', '-5.00']);
  });

  it('reads back through an independent parser, field for field', () => {
    const rows = [
      ['订单号', '商品', '地址'],
      ['o-1', '口红（豆沙）×1；散粉 ×2', '上海市 "静安" 路 1 号,2 楼'],
      ['o-2', '=cmd', '第一行\r\n第二行'],
    ];
    const text = CSV_BOM + rows.map(csvLine).join('');
    const parsed = parse(text, { bom: true }) as string[][];
    expect(parsed).toEqual([rows[0], rows[1], ['o-2', "'=cmd", '第一行\r\n第二行']]);
  });
});
