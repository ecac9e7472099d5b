import fs from 'node:fs';
import path from 'node:path';

/** Timer triggers as each function's config.json declares them (the same file CloudBase reads). */
export interface TimerTrigger {
  fn: string;
  name: string;
  cron: string;
}

export const FUNCTIONS_DIR = path.resolve(__dirname, '../../cloudfunctions');

export function readTriggers(fn: string, dir = FUNCTIONS_DIR): TimerTrigger[] {
  const file = path.join(dir, fn, 'config.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    triggers?: Array<{ name: string; type: string; config: string }>;
  };
  return (config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ fn, name: t.name, cron: t.config }));
}
