import { formatYuan, yuan } from '../../../miniprogram/utils/money';

describe('money: fen shown as yuan with two decimals', () => {
  it.each([
    [0, '0.00', '¥0.00'],
    [1, '0.01', '¥0.01'],
    [10, '0.10', '¥0.10'],
    [1230, '12.30', '¥12.30'],
    [16900, '169.00', '¥169.00'],
    [100_000_000, '1000000.00', '¥1000000.00'],
    [-500, '-5.00', '-¥5.00'],
    [-7, '-0.07', '-¥0.07'],
  ])('%i fen → %s / %s', (fen, plain, formatted) => {
    expect(yuan(fen)).toBe(plain);
    expect(formatYuan(fen)).toBe(formatted);
  });

  it('never shows floating-point noise', () => {
    for (let fen = 0; fen < 2000; fen += 7) expect(yuan(fen)).toMatch(/^\d+\.\d{2}$/);
    expect(yuan(29)).toBe('0.29');
    expect(yuan(1005)).toBe('10.05');
  });

  it('shows a placeholder for a missing amount', () => {
    expect(yuan(Number.NaN)).toBe('--');
    expect(formatYuan(Number.POSITIVE_INFINITY)).toBe('--');
  });
});
