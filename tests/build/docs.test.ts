import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';
import { ERROR_CODES } from '../../typings/contract/errors';

const api = fs.readFileSync(path.resolve(__dirname, '../../docs/API.md'), 'utf8');

describe('docs/API.md stays true', () => {
  it('documents every function, action and timer', () => {
    const missing: string[] = [];
    for (const [fn, def] of Object.entries(FUNCTIONS)) {
      if (!api.includes(`## Function \`${fn}\``)) missing.push(`function ${fn}`);
      for (const action of Object.keys(def.actions)) if (!api.includes(`### \`${action}\``)) missing.push(`${fn}.${action}`);
      for (const timer of Object.keys(def.timers)) if (!api.includes(`### timer \`${timer}\``)) missing.push(`${fn} timer ${timer}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists every error code', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !api.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
});
