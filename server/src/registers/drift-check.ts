import { Injectable } from '@nestjs/common';
import { lexer, type Token, type Tokens } from 'marked';
import { PolicyRenderer } from './policy-renderer';
import {
  LANGS,
  LAYOUTS,
  POLICY_TABLES,
  type Lang,
  type Layout,
  type PolicyRegisters,
  type PolicyTable,
} from './register-types';

export type DifferenceKind = 'missing_from_policy' | 'not_in_register' | 'changed_cell';

export interface Difference {
  table: PolicyTable;
  kind: DifferenceKind;
  row: string;
  column?: string;
  registerValue?: string;
  policyValue?: string;
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

/**
 * Compares a published policy's tables with what the registers generate. Tables are
 * recognised by their header row (any layout, Korean or English); all tables of one kind are
 * compared together, row by row, matched on their first cell.
 */
@Injectable()
export class DriftChecker {
  constructor(private readonly renderer: PolicyRenderer) {}

  check(markdown: string, registers: PolicyRegisters, preferred: Layout): DriftReport {
    const groups = new Map<string, { recognised: Recognised; rows: string[][] }>();
    const ignoredTables: { headers: string[] }[] = [];
    for (const table of tablesIn(lexer(markdown))) {
      const headers = table.header.map((c) => plainText(c.tokens, c.text));
      const recognised = this.recognise(headers, preferred);
      if (recognised === null) {
        ignoredTables.push({ headers });
        continue;
      }
      const key = `${recognised.table}:${recognised.lang}:${recognised.layout}`;
      const group = groups.get(key) ?? { recognised, rows: [] };
      group.rows.push(...table.rows.map((row) => row.map((c) => plainText(c.tokens, c.text))));
      groups.set(key, group);
    }
    const differences: Difference[] = [];
    const tablesChecked: DriftReport['tablesChecked'] = [];
    for (const { recognised, rows } of groups.values()) {
      const { table, lang, layout } = recognised;
      const [rendered] = this.renderer.render(registers, [table], lang, layout);
      const expected = rendered.sections.flatMap((s) => s.rows.map((r) => r.map(normalise)));
      const headers = this.renderer.headers(table, lang, layout);
      differences.push(...compareRows(table, headers, expected, rows));
      tablesChecked.push({ table, lang, layout, rows: rows.length });
    }
    return { inSync: differences.length === 0, tablesChecked, ignoredTables, differences };
  }

  private recognise(headers: string[], preferred: Layout): Recognised | null {
    const wanted = headers.map((h) => h.toLowerCase());
    const layouts = [preferred, ...LAYOUTS.filter((l) => l !== preferred)];
    for (const layout of layouts) {
      for (const table of POLICY_TABLES) {
        for (const lang of LANGS) {
          const known = this.renderer.headers(table, lang, layout).map((h) => normalise(h).toLowerCase());
          if (known.length === wanted.length && known.every((h, i) => h === wanted[i])) return { table, lang, layout };
        }
      }
    }
    return null;
  }
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
