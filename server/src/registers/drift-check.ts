import { Injectable } from '@nestjs/common';
import { lexer, type Token, type Tokens } from 'marked';
import { layoutTables, POLICY_LAYOUTS, TABLE_TITLES } from './policy-layouts';
import { PolicyRenderer, type RenderedTable } from './policy-renderer';
import {
  LANGS,
  LAYOUTS,
  POLICY_TABLES,
  type Lang,
  type Layout,
  type PolicyRegisters,
  type PolicyTable,
  type RetentionRuleRow,
} from './register-types';

export type DifferenceKind = 'missing_table' | 'missing_from_policy' | 'not_in_register' | 'changed_cell';

export interface Difference {
  table: PolicyTable;
  kind: DifferenceKind;
  /** The row's first cell; absent for a missing table. */
  row?: string;
  column?: string;
  registerValue?: string;
  policyValue?: string;
  /** A missing table: its name, where the policy has it, and how many rows the registers give it. */
  title?: string;
  section?: string | null;
  registerRows?: number;
}

export interface DriftReport {
  inSync: boolean;
  tablesChecked: { table: PolicyTable; lang: Lang; layout: Layout; rows: number }[];
  ignoredTables: { headers: string[] }[];
  differences: Difference[];
}

interface Recognised {
  table: PolicyTable;
  lang: Lang;
  layout: Layout;
}

interface Candidate extends Recognised {
  /** Normalised, lower case. */
  headers: string[];
}

/** Visible text of a cell: formatting, links and HTML stripped, whitespace collapsed. */
export function plainText(tokens: Token[] | undefined, fallback = ''): string {
  const text = tokens === undefined ? fallback : tokens.map(tokenText).join('');
  return normalise(text);
}

export function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function tokenText(token: Token): string {
  switch (token.type) {
    case 'br':
      return ' ';
    case 'html':
      return '';
    case 'escape':
    case 'codespan':
      return (token as Tokens.Escape | Tokens.Codespan).text;
    default: {
      const children = (token as { tokens?: Token[] }).tokens;
      if (children !== undefined && children.length > 0) return children.map(tokenText).join('');
      return (token as { text?: string }).text ?? '';
    }
  }
}

function tablesIn(tokens: Token[]): Tokens.Table[] {
  const out: Tokens.Table[] = [];
  for (const token of tokens) {
    if (token.type === 'table') out.push(token as Tokens.Table);
    const nested = [
      ...((token as { tokens?: Token[] }).tokens ?? []),
      ...((token as { items?: { tokens?: Token[] }[] }).items ?? []).flatMap((i) => i.tokens ?? []),
    ];
    if (nested.length > 0) out.push(...tablesIn(nested));
  }
  return out;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * The GFM tables of a text. Only the blocks that can hold one (a header line with a pipe, a
 * delimiter row, the lines after it up to a blank line) go through the Markdown lexer: lexing a
 * whole pasted text, long lists and all, can take seconds.
 */
export function markdownTables(text: string): Tokens.Table[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Tokens.Table[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!DELIMITER_ROW.test(line) || !line.includes('-') || !lines[i - 1].includes('|')) continue;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== '') end += 1;
    const block = lines.slice(i - 1, end);
    // A table inside a list item is indented: take the header's indentation off every line.
    const indent = /^\s*/.exec(block[0])?.[0].length ?? 0;
    const dedented = block.map((l) => l.slice(Math.min(indent, /^\s*/.exec(l)?.[0].length ?? 0)));
    out.push(...tablesIn(lexer(dedented.join('\n'))));
    i = end;
  }
  return out;
}

/**
 * Compares a published policy's tables with what the registers generate. The text may be
 * Markdown (GFM tables) or plain text as copied from a web page (a table's headers, then one cell
 * per line, up to a blank line; or tab-separated lines). Tables are recognised by their headers
 * (any layout, Korean or English); all tables of one kind are compared together, row by row,
 * matched on their first cell. A list of statutory records ("기록: 기간" lines) is recognised by
 * the retention rules' names. Every table the policy's layout has and the registers give rows
 * must be found: one that is not is a difference, so a text with nothing recognisable in it is
 * never "in sync".
 */
@Injectable()
export class DriftChecker {
  constructor(private readonly renderer: PolicyRenderer) {}

  check(text: string, registers: PolicyRegisters, preferred: Layout): DriftReport {
    const candidates = this.candidates(preferred);
    const found: { recognised: Recognised; rows: string[][]; columns?: number }[] = [];
    const ignoredTables: { headers: string[] }[] = [];
    for (const table of markdownTables(text)) {
      const headers = table.header.map((c) => plainText(c.tokens, c.text));
      const recognised = recognise(candidates, headers);
      if (recognised === null) {
        ignoredTables.push({ headers });
        continue;
      }
      found.push({ recognised, rows: table.rows.map((row) => row.map((c) => plainText(c.tokens, c.text))) });
    }
    found.push(...plainTextTables(text, candidates));
    const recordsLayout = POLICY_LAYOUTS[preferred].tables.records !== undefined ? preferred : 'standard';
    // Only rules a records list can name: another rule's name ("백업 데이터") heads other lists.
    const listable = registers.retentionRules.filter(
      (r) => r.retention.kind === 'statutory' || (POLICY_LAYOUTS[recordsLayout].records ?? []).includes(r.code),
    );
    for (const list of recordLists(text, listable)) {
      // A list shows a record and its period; the law, if the layout has a column for it, is not compared.
      found.push({
        recognised: { table: 'records', lang: list.lang, layout: recordsLayout },
        rows: list.rows,
        columns: 2,
      });
    }

    const groups = new Map<string, { recognised: Recognised; rows: string[][]; columns?: number }>();
    for (const f of found) {
      const key = `${f.recognised.table}:${f.recognised.lang}:${f.recognised.layout}:${f.columns ?? 'all'}`;
      const group = groups.get(key) ?? { recognised: f.recognised, rows: [], columns: f.columns };
      group.rows.push(...f.rows);
      groups.set(key, group);
    }
    const differences: Difference[] = [];
    const tablesChecked: DriftReport['tablesChecked'] = [];
    for (const { recognised, rows, columns } of groups.values()) {
      const { table, lang, layout } = recognised;
      const [rendered] = this.renderer.render(registers, [table], lang, layout);
      const expected = rowsOf(rendered).map((r) => r.slice(0, columns).map(normalise));
      const headers = this.renderer.headers(table, lang, layout).slice(0, columns);
      differences.push(...compareRows(table, headers, expected, rows));
      tablesChecked.push({ table, lang, layout, rows: rows.length });
    }
    const all = [...this.missingTables(registers, preferred, tablesChecked), ...differences];
    return { inSync: all.length === 0, tablesChecked, ignoredTables, differences: all };
  }

  /** The policy's tables with rows in the registers that the text does not have at all. */
  private missingTables(
    registers: PolicyRegisters,
    layout: Layout,
    checked: DriftReport['tablesChecked'],
  ): Difference[] {
    const spec = POLICY_LAYOUTS[layout];
    // Named in the language the text is in, else the one the policy is published in.
    const lang = checked[0]?.lang ?? spec.lang;
    const missing: Difference[] = [];
    for (const table of layoutTables(layout)) {
      if (checked.some((c) => c.table === table)) continue;
      const [rendered] = this.renderer.render(registers, [table], lang, layout);
      const registerRows = rowsOf(rendered).length;
      // With no row the policy makes a statement, not a table: nothing to find.
      if (registerRows === 0) continue;
      missing.push({
        table,
        kind: 'missing_table',
        title: TABLE_TITLES[table][lang],
        section: spec.sections[table]?.[lang] ?? null,
        registerRows,
      });
    }
    return missing;
  }

  /** Every table any layout has, in either language; the policy's own layout first. */
  private candidates(preferred: Layout): Candidate[] {
    const out: Candidate[] = [];
    for (const layout of [preferred, ...LAYOUTS.filter((l) => l !== preferred)]) {
      for (const table of POLICY_TABLES) {
        for (const lang of LANGS) {
          const headers = this.renderer.headers(table, lang, layout).map((h) => normalise(h).toLowerCase());
          if (headers.length > 0) out.push({ table, lang, layout, headers });
        }
      }
    }
    return out;
  }
}

function rowsOf(rendered: RenderedTable | undefined): string[][] {
  return (rendered?.sections ?? []).flatMap((s) => s.rows);
}

function recognise(candidates: Candidate[], headers: string[]): Recognised | null {
  const wanted = headers.map((h) => normalise(h).toLowerCase());
  const match = candidates.find(
    (c) => c.headers.length === wanted.length && c.headers.every((h, i) => h === wanted[i]),
  );
  return match === undefined ? null : { table: match.table, lang: match.lang, layout: match.layout };
}

/**
 * Tables in plain text. A web page copied as text gives each table as its header cells, one per
 * line, then its cells row by row, one per line, until a blank line; a spreadsheet or word
 * processor gives tab-separated lines. Where headers of two tables both fit, the longer wins. The
 * one-cell-per-line format cannot show an empty cell (its blank line is where the table ends), so
 * a last row short of cells is kept with the missing ones empty: it shows as changed cells.
 */
export function plainTextTables(text: string, candidates: Candidate[]): { recognised: Recognised; rows: string[][] }[] {
  const raw = text.split(/\r\n|\r|\n/);
  const lines = raw.map((l) => normalise(l));
  const lower = lines.map((l) => l.toLowerCase());
  const out: { recognised: Recognised; rows: string[][] }[] = [];
  const asRecognised = (c: Candidate): Recognised => ({ table: c.table, lang: c.lang, layout: c.layout });
  let i = 0;
  while (i < lines.length) {
    if (raw[i].includes('\t')) {
      const cells = raw[i].split('\t').map((c) => normalise(c).toLowerCase());
      const match = recognise(candidates, cells);
      if (match !== null) {
        const rows: string[][] = [];
        let j = i + 1;
        for (; j < raw.length && raw[j].includes('\t'); j++)
          rows.push(
            fit(
              raw[j].split('\t').map((c) => normalise(c)),
              cells.length,
            ),
          );
        out.push({ recognised: match, rows });
        i = j;
        continue;
      }
    }
    let best: Candidate | undefined;
    for (const c of candidates) {
      if (c.headers.length < 2 || (best !== undefined && c.headers.length <= best.headers.length)) continue;
      if (c.headers.every((h, k) => lower[i + k] === h)) best = c;
    }
    if (best === undefined) {
      i += 1;
      continue;
    }
    const n = best.headers.length;
    let j = i + n;
    const cells: string[] = [];
    for (; j < lines.length && lines[j] !== ''; j++) cells.push(lines[j]);
    const rows: string[][] = [];
    for (let k = 0; k < cells.length; k += n) rows.push(fit(cells.slice(k, k + n), n));
    out.push({ recognised: asRecognised(best), rows });
    i = j;
  }
  return out;
}

function fit(cells: string[], n: number): string[] {
  return Array.from({ length: n }, (_, k) => cells[k] ?? '');
}

const LIST_MARKER = /^(?:[-*+•·]|\d{1,3}[.)])\s+/;

/**
 * Lists of records kept by statute: runs of "label: value" lines (list items or plain lines)
 * where at least one label is the name of a retention rule, in Korean or English. Blank lines
 * do not end a run; any other line does.
 */
export function recordLists(text: string, rules: RetentionRuleRow[]): { lang: Lang; rows: string[][] }[] {
  const names = new Map<string, Lang>();
  for (const rule of rules)
    for (const lang of LANGS) if (rule.name[lang]) names.set(normalise(rule.name[lang]).toLowerCase(), lang);
  const out: { lang: Lang; rows: string[][] }[] = [];
  let run: { label: string; value: string; lang: Lang | undefined }[] = [];
  const flush = () => {
    const known = run.flatMap((item) => item.lang ?? []);
    if (known.length > 0) {
      const lang = known.filter((l) => l === 'ko').length * 2 >= known.length ? 'ko' : 'en';
      out.push({ lang, rows: run.map((item) => [item.label, item.value]) });
    }
    run = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const item = trimmed.startsWith('|') || trimmed.startsWith('#') ? null : labelValue(trimmed, names);
    if (item === null) flush();
    else run.push(item);
  }
  flush();
  return out;
}

/**
 * The visible text of one line of Markdown: link and image text kept, HTML tags, emphasis and code
 * marks dropped, backslash escapes resolved. A plain scan rather than the Markdown lexer, which
 * costs too much run once per line of a large pasted text.
 */
export function inlineText(line: string): string {
  const linked = line.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1').replace(/<\/?[A-Za-z][^>\n]*>/g, '');
  let out = '';
  for (let i = 0; i < linked.length; i++) {
    const c = linked[i];
    const next = linked[i + 1];
    if (c === '\\' && next !== undefined && /[!-/:-@[-`{-~]/.test(next)) {
      out += next;
      i += 1;
    } else if (c === '*' || c === '`' || (c === '~' && next === '~')) {
      if (c === '~') i += 1;
    } else if (c === '_' && !(/\w/.test(linked[i - 1] ?? '') && /\w/.test(next ?? ''))) {
      // Emphasis; an underscore inside a word is text.
    } else {
      out += c;
    }
  }
  return out;
}

function labelValue(
  line: string,
  names: Map<string, Lang>,
): { label: string; value: string; lang: Lang | undefined } | null {
  if (!/[:：]/.test(line)) return null;
  const content = normalise(inlineText(line.replace(LIST_MARKER, '')));
  const colon = /[:：]/.exec(content);
  if (colon === null || colon.index === 0) return null;
  const label = normalise(content.slice(0, colon.index));
  const value = normalise(content.slice(colon.index + 1));
  return { label, value, lang: names.get(label.toLowerCase()) };
}

function compareRows(table: PolicyTable, headers: string[], expected: string[][], found: string[][]): Difference[] {
  const same = (a: string[], b: string[]) => headers.every((_, i) => (a[i] ?? '') === (b[i] ?? ''));
  const unmatchedExpected = new Set(expected.map((_, i) => i));
  const unmatchedFound: number[] = [];
  // Identical rows first, so a changed row is paired with its own counterpart, not a twin.
  found.forEach((row, i) => {
    const match = [...unmatchedExpected].find((e) => same(expected[e], row));
    if (match === undefined) unmatchedFound.push(i);
    else unmatchedExpected.delete(match);
  });
  const differences: Difference[] = [];
  const extra: number[] = [];
  for (const i of unmatchedFound) {
    const row = found[i];
    const match = [...unmatchedExpected].find((e) => expected[e][0] === row[0]);
    if (match === undefined) {
      extra.push(i);
      continue;
    }
    unmatchedExpected.delete(match);
    headers.forEach((column, c) => {
      const registerValue = expected[match][c] ?? '';
      const policyValue = row[c] ?? '';
      if (registerValue !== policyValue) {
        differences.push({ table, kind: 'changed_cell', row: row[0], column, registerValue, policyValue });
      }
    });
  }
  for (const i of extra) differences.push({ table, kind: 'not_in_register', row: found[i][0] ?? '' });
  for (const e of unmatchedExpected)
    differences.push({ table, kind: 'missing_from_policy', row: expected[e][0] ?? '' });
  return differences;
}
