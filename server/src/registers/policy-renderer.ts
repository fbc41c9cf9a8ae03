import { Injectable } from '@nestjs/common';
import { countryName } from './countries';
import { ColumnOf, layoutColumns, NONE_TEXT, POLICY_LAYOUTS, TABLE_TITLES } from './policy-layouts';
import type {
  ActivityRow,
  Lang,
  Layout,
  LocalizedText,
  PolicyRegisters,
  PolicyTable,
  ProcessorRow,
  ProvisionRow,
  RetentionRuleRow,
  TransferRow,
} from './register-types';
import { retentionDisplay } from './retention';

export interface RenderedSection {
  heading: string | null;
  headers: string[];
  rows: string[][];
}

export interface RenderedTable {
  table: PolicyTable;
  title: string;
  /** 'list': the policy writes one "label: value" line per row (Shelby 제5조). */
  form: 'table' | 'list';
  /** The policy's sentence before the rows, if it has one. */
  intro: string | null;
  /** With no row in effect: the statement the policy makes instead of an empty table. */
  none: string | null;
  sections: RenderedSection[];
}

/** The text in one language, or the other one when it was left empty. */
export function pick(text: LocalizedText, lang: Lang): string {
  return (lang === 'ko' ? text.ko || text.en : text.en || text.ko).trim();
}

/**
 * Generates a privacy policy's tables from the registers: the rows that are in effect, in
 * their order, with the columns of the policy's layout, in Korean or English.
 */
@Injectable()
export class PolicyRenderer {
  /**
   * The tables asked for that the policy has (its layout says which), in the policy's order. A
   * table the policy does not have is left out, even when asked for by name.
   */
  render(registers: PolicyRegisters, tables: readonly PolicyTable[], lang: Lang, layout: Layout): RenderedTable[] {
    const spec = POLICY_LAYOUTS[layout];
    return tables
      .filter((table) => spec.tables[table] !== undefined)
      .map((table) => {
        const sections = this.sections(registers, table, lang, layout);
        const intro = spec.intros[table];
        return {
          table,
          title: TABLE_TITLES[table][lang],
          form: spec.lists.includes(table) ? 'list' : 'table',
          // The lead-in announces rows: with none, only the statement is shown.
          intro: intro === undefined || sections.length === 0 ? null : intro[lang],
          none: sections.length === 0 ? NONE_TEXT[table][lang] : null,
          sections,
        };
      });
  }

  /** Headers of a table in a layout and language (the drift check recognises tables by them); [] if the policy has none. */
  headers(table: PolicyTable, lang: Lang, layout: Layout): string[] {
    return (layoutColumns(layout, table) ?? []).map((c) => c.header[lang]);
  }

  /** The rows in effect, in sections; none at all when the register has no row for the table. */
  private sections(registers: PolicyRegisters, table: PolicyTable, lang: Lang, layout: Layout): RenderedSection[] {
    const headers = this.headers(table, lang, layout);
    const one = (rows: string[][]): RenderedSection[] => (rows.length === 0 ? [] : [{ heading: null, headers, rows }]);
    switch (table) {
      case 'collection': {
        const columns = (layoutColumns(layout, 'collection') ?? []).map((c) => c.column);
        const rows = byPosition(registers.activities.filter((a) => a.status === 'active'));
        // Consecutive rows under the same heading make one table (Shelby's 제1조 has three).
        const sections: RenderedSection[] = [];
        for (const row of rows) {
          const heading = pick(row.section, lang) || null;
          const last = sections.at(-1);
          const cells = columns.map((c) => collectionCell(row, c, lang));
          if (last !== undefined && last.heading === heading) last.rows.push(cells);
          else sections.push({ heading, headers, rows: [cells] });
        }
        return sections;
      }
      case 'records': {
        const columns = (layoutColumns(layout, 'records') ?? []).map((c) => c.column);
        const rules = recordRules(registers.retentionRules, POLICY_LAYOUTS[layout].records);
        return one(rules.map((r) => columns.map((c) => recordCell(r, c, lang))));
      }
      case 'provision': {
        const columns = (layoutColumns(layout, 'provision') ?? []).map((c) => c.column);
        const rows = byPosition(registers.provisions.filter((p) => p.status === 'active'));
        return one(rows.map((r) => columns.map((c) => provisionCell(r, c, lang))));
      }
      case 'entrustment': {
        const columns = (layoutColumns(layout, 'entrustment') ?? []).map((c) => c.column);
        const active = registers.processors.filter((p) => p.status === 'active');
        const byId = new Map(registers.processors.map((p) => [p.id, p]));
        const rows = parentsThenChildren(active);
        return one(rows.map((r) => columns.map((c) => entrustmentCell(r, c, lang, byId))));
      }
      case 'transfer': {
        const columns = (layoutColumns(layout, 'transfer') ?? []).map((c) => c.column);
        const rows = byPosition(registers.transfers.filter((t) => t.inUse));
        return one(rows.map((r) => columns.map((c) => transferCell(r, c, lang))));
      }
      default: {
        const unknown: never = table;
        throw new Error(`Unknown table ${String(unknown)}`);
      }
    }
  }

  markdown(tables: RenderedTable[]): string {
    const out: string[] = [];
    for (const t of tables) {
      out.push(`## ${t.title}`, '');
      if (t.intro !== null) out.push(escapeMarkdown(t.intro), '');
      if (t.none !== null) out.push(escapeMarkdown(t.none), '');
      for (const s of t.sections) {
        if (s.heading !== null) out.push(`### ${escapeMarkdown(s.heading)}`, '');
        if (t.form === 'list') {
          for (const row of s.rows) out.push(`- ${listItem(row).map(escapeMarkdown).join(': ')}`);
        } else {
          out.push(`| ${s.headers.map(escapeMarkdown).join(' | ')} |`);
          out.push(`| ${s.headers.map(() => '---').join(' | ')} |`);
          for (const row of s.rows) out.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
        }
        out.push('');
      }
    }
    return out.join('\n');
  }

  html(tables: RenderedTable[]): string {
    const out: string[] = [];
    for (const t of tables) {
      out.push(`<h2>${escapeHtml(t.title)}</h2>`);
      if (t.intro !== null) out.push(`<p>${escapeHtml(t.intro)}</p>`);
      if (t.none !== null) out.push(`<p>${escapeHtml(t.none)}</p>`);
      for (const s of t.sections) {
        if (s.heading !== null) out.push(`<h3>${escapeHtml(s.heading)}</h3>`);
        if (t.form === 'list') {
          out.push('<ul>');
          for (const row of s.rows) out.push(`<li>${escapeHtml(listItem(row).join(': '))}</li>`);
          out.push('</ul>');
          continue;
        }
        out.push('<table>');
        out.push(`<thead><tr>${s.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`);
        out.push('<tbody>');
        for (const row of s.rows) out.push(`<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
        out.push('</tbody>');
        out.push('</table>');
      }
    }
    return `${out.join('\n')}\n`;
  }
}

/** A list row as "label: value": the label and the non-empty cells after it. */
function listItem(row: string[]): string[] {
  const [label, ...rest] = row;
  const value = rest.filter((c) => c !== '').join(', ');
  return value === '' ? [label ?? ''] : [label ?? '', value];
}

/** The retention rules a policy's list of statutory records names, in its order (null: every statutory rule). */
export function recordRules(rules: RetentionRuleRow[], codes: readonly string[] | null): RetentionRuleRow[] {
  if (codes === null)
    return [...rules].filter((r) => r.retention.kind === 'statutory').sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(rules.map((r) => [r.code, r]));
  return codes.flatMap((code) => byCode.get(code) ?? []);
}

function recordCell(rule: RetentionRuleRow, column: ColumnOf<'records'>, lang: Lang): string {
  switch (column) {
    case 'record':
      return pick(rule.name, lang);
    case 'retention':
      return retentionDisplay(rule.retention)[lang];
    case 'law':
      // The Korean names the law as the rule does; the English its source, which is in English.
      return lang === 'ko' ? (rule.retention.law ?? rule.source) : rule.source;
    default: {
      const unknown: never = column;
      return String(unknown);
    }
  }
}

function byPosition<T extends { position: number; createdAt: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
}

/** Each processor followed by its sub-processors (PIPA Art. 26(2) lists both). */
function parentsThenChildren(rows: ProcessorRow[]): ProcessorRow[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string, ProcessorRow[]>();
  const roots: ProcessorRow[] = [];
  for (const row of byPosition(rows)) {
    if (row.parentId !== null && ids.has(row.parentId)) {
      children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
    } else {
      roots.push(row);
    }
  }
  const out: ProcessorRow[] = [];
  const visit = (row: ProcessorRow, depth: number) => {
    out.push(row);
    if (depth < 10) for (const child of children.get(row.id) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return out;
}

function collectionCell(row: ActivityRow, column: ColumnOf<'collection'>, lang: Lang): string {
  switch (column) {
    case 'name':
      return pick(row.name, lang);
    case 'items':
      return pick(row.items, lang);
    case 'purpose':
      return pick(row.purpose, lang);
    case 'retention':
      return retentionDisplay(row.retention)[lang];
    default: {
      const unknown: never = column;
      return String(unknown);
    }
  }
}

function provisionCell(row: ProvisionRow, column: ColumnOf<'provision'>, lang: Lang): string {
  switch (column) {
    case 'recipient':
      return pick(row.recipient, lang);
    case 'purpose':
      return pick(row.purpose, lang);
    case 'items':
      return pick(row.items, lang);
    case 'retention':
      return retentionDisplay(row.retention)[lang];
    case 'refusal':
      return pick(row.refusal, lang);
    default: {
      const unknown: never = column;
      return String(unknown);
    }
  }
}

function entrustmentCell(
  row: ProcessorRow,
  column: ColumnOf<'entrustment'>,
  lang: Lang,
  byId: Map<string, ProcessorRow>,
): string {
  switch (column) {
    case 'recipient': {
      const name = pick(row.recipient, lang);
      const parent = row.parentId === null ? undefined : byId.get(row.parentId);
      if (parent === undefined) return name;
      const parentName = pick(parent.recipient, lang);
      return lang === 'ko' ? `${name} (${parentName}의 재수탁자)` : `${name} (sub-processor of ${parentName})`;
    }
    case 'task':
      return pick(row.task, lang);
    case 'items':
      return pick(row.items, lang);
    case 'protection':
      return pick(row.protectionMeasures, lang);
    case 'retention':
      return retentionDisplay(row.retention)[lang];
    case 'country':
      return row.country === null ? '' : countryName(row.country)[lang];
    default: {
      const unknown: never = column;
      return String(unknown);
    }
  }
}

function transferCell(row: TransferRow, column: ColumnOf<'transfer'>, lang: Lang): string {
  switch (column) {
    case 'recipientContact': {
      const name = pick(row.recipient, lang);
      return row.contact ? `${name} (${row.contact})` : name;
    }
    case 'country':
      return countryName(row.country)[lang];
    case 'items':
      return pick(row.items, lang);
    case 'timingMethod':
      return pick(row.timingMethod, lang);
    case 'purpose':
      return pick(row.purpose, lang);
    case 'retention':
      return retentionDisplay(row.retention)[lang];
    case 'refusal':
      return pick(row.refusal, lang);
    case 'purposeRetentionMethod': {
      const [purpose, period, method] = [
        pick(row.purpose, lang),
        retentionDisplay(row.retention)[lang],
        pick(row.timingMethod, lang),
      ];
      return lang === 'ko'
        ? `목적: ${purpose} / 기간: ${period} / 방법: ${method}`
        : `Purpose: ${purpose} / Period: ${period} / Method: ${method}`;
    }
    default: {
      const unknown: never = column;
      return String(unknown);
    }
  }
}

/** Cell text that Markdown shows literally: no formatting, links or HTML, and no column breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|~&])/g, '\\$1');
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
