/**
 * Names shown to other shoppers, masked in one place. `first` (room askers, inviters, invitees):
 * 小美 → 小*, Anna → A***, never more than the first character. `ends` (raffle winners lists): first
 * and last character, the rest hidden (小*, 微**8).
 */
export function maskName(name: string, style: 'first' | 'ends' = 'first'): string {
  const chars = [...name.trim()];
  if (style === 'ends') {
    if (chars.length === 0) return '***';
    if (chars.length <= 2) return `${chars[0]}*`;
    return `${chars[0]}**${chars[chars.length - 1]}`;
  }
  if (!chars.length) return '*';
  return chars[0] + '*'.repeat(Math.max(1, Math.min(3, chars.length - 1)));
}

/**
 * A phone number shown to staff: the first three and last four digits of a mobile (138****8000);
 * any other number keeps only its last four digits (****9999).
 */
export function maskPhone(phone: string): string {
  const tel = phone.trim();
  if (/^1\d{10}$/.test(tel)) return `${tel.slice(0, 3)}****${tel.slice(7)}`;
  const digits = tel.replace(/\D/g, '');
  return digits.length >= 4 ? `****${digits.slice(-4)}` : '****';
}
