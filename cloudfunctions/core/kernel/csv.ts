/**
 * CSV as Excel reads it: UTF-8 with a byte-order mark (so Chinese shows), CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break. A field that a spreadsheet would take for
 * a formula (starting with = + - @, a tab or a carriage return) is written with a leading
 * apostrophe, so an exported name or address never runs as one.
 */

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: Array<string | number | null | undefined>): string => `${fields.map(csvField).join(',')}\r\n`;

/** Fen as yuan with two decimals (12345 → 123.45), for a spreadsheet to sum. */
export function csvYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
