import fs from 'node:fs';
import { DEFINITIONS_FILE, METRICS_DOC, parseMetricsDoc, renderDefinitions, sectionId } from '../../scripts/gen-metric-definitions';
import { METRIC_DEFINITIONS } from '../../miniprogram/admin/utils/metric-definitions';
import type { LiveMetrics } from '../../typings/contract/metrics';

describe('metric definitions in the mini program', () => {
  it('are up to date with docs/METRICS.md (run `npm run gen:metric-definitions`)', () => {
    expect(fs.readFileSync(DEFINITIONS_FILE, 'utf8')).toBe(renderDefinitions(fs.readFileSync(METRICS_DOC, 'utf8')));
  });

  it('define every number liveMetrics returns', () => {
    const shown: Array<keyof LiveMetrics> = [
      'privateDomainReservationShare',
      'newWecomFriends',
      'privateDomainOrderShare',
      'liveProductRepurchaseRate',
      'retention7d',
      'clv30',
      'funnel',
      'orders',
    ];
    expect(shown.filter((id) => !(id in METRIC_DEFINITIONS))).toEqual([]);
  });

  it('split the doc by section heading', () => {
    const doc = parseMetricsDoc('# Metrics\n\nIntro line\nmore.\n\n## alpha\n> 甲的说明\nFirst\nwrapped.\n\n## Range metrics (`x`)\n> 范围\n- a;\n- b.\n');
    expect(doc).toEqual({
      conventions: 'Intro line\nmore.',
      sections: [
        { id: 'alpha', text: 'First\nwrapped.', summary: '甲的说明' },
        { id: 'rangeMetrics', text: '- a;\n- b.', summary: '范围' },
      ],
    });
    expect(sectionId('retention7d')).toBe('retention7d');
    expect(() => parseMetricsDoc('## a\n> x\n## a\n> y')).toThrow('two sections named a');
    expect(() => parseMetricsDoc('## a\nonly English')).toThrow('section a has no "> " summary');
  });
});
