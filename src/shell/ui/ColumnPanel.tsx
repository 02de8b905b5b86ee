// The column panel, drawn instead of the table (F): the current column's
// figures and its most frequent values, the keys that turn them into
// stages, and the progress of a whole-input `jn analyze`.
import { Box, Text } from 'ink';
import { shortNumber, valueText, type ColumnFigures } from '../columns.js';
import type { AnalyzeState } from './hooks/useAnalyze.js';
import type { ColumnPanelState } from './hooks/useColumnPanel.js';
import { scrollTop } from '../layout.js';
import { escapeControls } from '../../kit/text.js';
import { padToWidth, truncateToWidth } from '../../kit/width.js';

const HINTS = [
  'Enter/= only this value · ! all but it · - drop column · Space/K mark/keep columns',
  '[ / ] sort up/down · c count by value (these two read all their input)',
  'a whole input (jn analyze) · ←/→ column · ↑/↓ value · Esc close',
];

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** What the figures are over, or how far jn analyze is. */
function scopeLine(panel: ColumnPanelState): { text: string; color?: string } {
  const a: AnalyzeState = panel.analyze;
  if (a.running) {
    const p = a.progress;
    const read = p?.bytes !== undefined && p.size ? ` · ${mb(p.bytes)} of ${mb(p.size)} (${Math.floor((100 * p.bytes) / p.size)}%)` : '';
    return { text: `jn analyze over the whole input: ${((p?.ms ?? 0) / 1000).toFixed(1)} s${read} · Esc cancels`, color: 'yellow' };
  }
  if (a.error) return { text: `jn analyze failed: ${a.error}`, color: 'red' };
  const rows = panel.figures?.rows ?? 0;
  if (panel.whole) return { text: `over all ${rows} rows (jn analyze, ${((a.ms ?? 0) / 1000).toFixed(1)} s; counts approximate) · a: rows loaded` };
  return { text: `over the ${rows} row${rows === 1 ? '' : 's'} loaded${a.analysis ? ' · a: the whole input' : ' · a: the whole input (jn analyze)'}` };
}

function typeLine(f: ColumnFigures, approximate: boolean): string {
  const parts = f.types.map(([t, n]) => `${t} ${n}`);
  if (f.missing) parts.push(`missing ${f.missing}`);
  if (f.empty) parts.push(`empty "" ${f.empty}`);
  if (f.distinct !== undefined) parts.push(`${approximate ? '~' : ''}${f.distinct} distinct`);
  return parts.join(' · ') || 'no values';
}

interface ColumnPanelProps {
  panel: ColumnPanelState;
  width: number;
  /** Lines of the pane. */
  height: number;
}

export function ColumnPanel({ panel, width, height }: ColumnPanelProps) {
  const f = panel.figures;
  const scope = scopeLine(panel);
  const marks = panel.marked.length ? ` · marked: ${panel.marked.join(', ')}` : '';
  const head = `column ${panel.index + 1} of ${panel.count}: ${panel.column ?? ''}${panel.marked.includes(panel.column ?? '') ? ' (marked)' : ''}${marks}`;
  const listLines = Math.max(1, height - 5 - HINTS.length);
  const top = f?.top ?? [];
  const first = scrollTop(panel.selected, Math.max(0, panel.selected - listLines + 1), listLines, top.length);
  const countWidth = Math.max(5, ...top.map((t) => String(t.count).length));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">
        {escapeControls(head)}
      </Text>
      <Text color={scope.color ?? 'gray'} wrap="truncate">
        {scope.text}
      </Text>
      <Text wrap="truncate">{f ? typeLine(f, panel.whole) : ''}</Text>
      <Text wrap="truncate">{f?.numbers ? `numbers: min ${f.numbers.min} · max ${f.numbers.max} · mean ${shortNumber(f.numbers.mean)}` : ' '}</Text>
      <Text dimColor wrap="truncate">
        {` ${padToWidth('count', countWidth, true)}       %  value`}
      </Text>
      {top.slice(first, first + listLines).map((t, i) => {
        const at = first + i;
        const pct = f && f.rows ? ((100 * t.count) / f.rows).toFixed(1) : '';
        const text = truncateToWidth(escapeControls(valueText(t.value)), Math.max(1, width - countWidth - 12));
        return (
          <Text key={at} inverse={at === panel.selected} wrap="truncate">
            {at === panel.selected ? '›' : ' '}
            {padToWidth(String(t.count), countWidth, true)} {padToWidth(pct, 6, true)}%  {text}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      {HINTS.map((h) => (
        <Text key={h} dimColor wrap="truncate">
          {h}
        </Text>
      ))}
    </Box>
  );
}
