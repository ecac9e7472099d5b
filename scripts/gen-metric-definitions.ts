/**
 * Generates miniprogram/admin/utils/metric-definitions.ts from docs/METRICS.md, so the dashboard
 * shows each number's definition exactly as written there (the mini program cannot read docs/).
 *
 * Each `## <heading>` section becomes one definition: the id is the heading when it is a single
 * identifier (`## retention7d`), else the camel-cased words before any parenthesis
 * (`## Range metrics (...)` → `rangeMetrics`); the text is the section's body, trimmed, without its
 * `> ` lines, which are its summary in plain Chinese (every section has one). The body before the
 * first section, after the title line, is the conventions every definition uses.
 *
 * `npm run gen:metric-definitions` writes the file; tests/scripts/metric-definitions.test.ts fails
 * when the file is out of date with docs/METRICS.md.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const METRICS_DOC = path.join(ROOT, 'docs/METRICS.md');
export const DEFINITIONS_FILE = path.join(ROOT, 'miniprogram/admin/utils/metric-definitions.ts');

export interface MetricDoc {
  conventions: string;
  sections: Array<{ id: string; text: string; summary: string }>;
}

export function sectionId(heading: string): string {
  const h = heading.trim();
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(h)) return h;
  const words = h.split('(')[0].trim().split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (!words.length) throw new Error(`docs/METRICS.md: heading "${heading}" gives no id`);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
}

/** Splits the document into its conventions and its `## ` sections. */
export function parseMetricsDoc(markdown: string): MetricDoc {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const intro: string[] = [];
  const sections: Array<{ id: string; lines: string[] }> = [];
  for (const line of lines) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) sections.push({ id: sectionId(heading[1]), lines: [] });
    else if (sections.length) sections[sections.length - 1].lines.push(line);
    else if (!/^# /.test(line)) intro.push(line);
  }
  const ids = new Set<string>();
  for (const s of sections) {
    if (ids.has(s.id)) throw new Error(`docs/METRICS.md: two sections named ${s.id}`);
    ids.add(s.id);
  }
  return {
    conventions: intro.join('\n').trim(),
    sections: sections.map((s) => {
      const summary = s.lines.filter((l) => l.startsWith('> ')).map((l) => l.slice(2).trim()).join('');
      if (!summary) throw new Error(`docs/METRICS.md: section ${s.id} has no "> " summary`);
      return { id: s.id, text: s.lines.filter((l) => !l.startsWith('> ')).join('\n').trim(), summary };
    }),
  };
}

/** The TypeScript module for a METRICS.md text. */
export function renderDefinitions(markdown: string): string {
  const doc = parseMetricsDoc(markdown);
  const entries = doc.sections.map((s) => `  ${s.id}: ${JSON.stringify(s.text)},`).join('\n');
  const summaries = doc.sections.map((s) => `  ${s.id}: ${JSON.stringify(s.summary)},`).join('\n');
  return [
    '// Generated from docs/METRICS.md by scripts/gen-metric-definitions.ts. Do not edit: change the doc,',
    '// then run `npm run gen:metric-definitions`.',
    '',
    `export type MetricId = ${doc.sections.map((s) => `'${s.id}'`).join(' | ')};`,
    '',
    '/** The conventions every definition uses. */',
    `export const METRIC_CONVENTIONS = ${JSON.stringify(doc.conventions)};`,
    '',
    '/** Each number\'s one definition, by the id the API returns it under. */',
    'export const METRIC_DEFINITIONS: Record<MetricId, string> = {',
    entries,
    '};',
    '',
    '/** Each definition in plain Chinese, shown first. */',
    'export const METRIC_SUMMARIES: Record<MetricId, string> = {',
    summaries,
    '};',
    '',
  ].join('\n');
}

if (require.main === module) {
  fs.writeFileSync(DEFINITIONS_FILE, renderDefinitions(fs.readFileSync(METRICS_DOC, 'utf8')));
  console.log(`wrote ${path.relative(ROOT, DEFINITIONS_FILE)}`);
}
