import { Injectable } from '@nestjs/common';
import Mustache from 'mustache';
import type { Language, RenderedMessage, TemplateContent } from './outbox-types';

/** A problem with a template's text, found when it is saved (not when a message is sent). */
export interface TemplateSyntaxError {
  field: string;
  message: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Mustache tokens: [type, value, start, end, children?]. '>' (partials) and '=' (delimiter
// changes) would let a template reach outside itself or hide tags; neither is needed.
type Token = [string, string, number, number, Token[]?];

/**
 * Renders templates with Mustache (logic-less: values, lists and "if present" sections only).
 * The text is rendered without escaping; the HTML body is that text, escaped as a whole and set
 * in paragraphs. So neither a merge value nor the template itself can put markup into an e-mail.
 */
@Injectable()
export class TemplateRenderer {
  render(
    content: Pick<TemplateContent, 'subjectKo' | 'subjectEn' | 'bodyKo' | 'bodyEn'>,
    language: Language,
    data: Record<string, unknown>,
  ): RenderedMessage {
    const subject = this.renderText(language === 'ko' ? content.subjectKo : content.subjectEn, data)
      .replace(/\s+/g, ' ')
      .trim();
    const text = this.renderText(language === 'ko' ? content.bodyKo : content.bodyEn, data);
    return { subject, text, html: toHtml(subject, text, language) };
  }

  /** The errors of each field's template (unclosed tags, partials, delimiter changes). */
  check(content: Pick<TemplateContent, 'subjectKo' | 'subjectEn' | 'bodyKo' | 'bodyEn'>): TemplateSyntaxError[] {
    const errors: TemplateSyntaxError[] = [];
    for (const field of ['subjectKo', 'subjectEn', 'bodyKo', 'bodyEn'] as const) {
      try {
        const banned = findBanned(Mustache.parse(content[field]) as Token[]);
        if (banned !== undefined) errors.push({ field, message: `Tag {{${banned}}} is not allowed in a template` });
      } catch (error) {
        errors.push({ field, message: (error as Error).message.split('\n')[0] });
      }
    }
    return errors;
  }

  /** The merge fields a template uses (top level names), for the editor and the preview. */
  fields(content: Pick<TemplateContent, 'subjectKo' | 'subjectEn' | 'bodyKo' | 'bodyEn'>): string[] {
    const names = new Set<string>();
    const walk = (tokens: Token[]) => {
      for (const [type, value, , , children] of tokens) {
        if (['name', '&', '#', '^'].includes(type) && value !== '.') names.add(value.split('.')[0]);
        if (children) walk(children);
      }
    };
    for (const field of ['subjectKo', 'subjectEn', 'bodyKo', 'bodyEn'] as const) {
      try {
        walk(Mustache.parse(content[field]) as Token[]);
      } catch {
        // A broken template has no fields to list; check() reports it.
      }
    }
    return [...names].sort();
  }

  private renderText(template: string, data: Record<string, unknown>): string {
    return Mustache.render(template, data, {}, { escape: (value: unknown) => String(value) });
  }
}

function findBanned(tokens: Token[]): string | undefined {
  for (const [type, value, , , children] of tokens) {
    if (type === '>' || type === '=') return `${type}${value}`;
    if (children) {
      const inner = findBanned(children);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

function toHtml(subject: string, text: string, language: Language): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
  return `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: 'Pretendard', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif; line-height: 1.6">\n${paragraphs}\n</body></html>\n`;
}
