import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { AccessLogErrorCode } from '../access-log/access-log.errors';
import { AuthErrorCode } from '../auth/auth.errors';
import { Problem } from './problem';
import { CommonErrorCode } from './problem-codes';
import { PROBLEM_STATUS } from './problem-status';

const SOURCE = join(__dirname, '..');
const TABLED = new Set(Object.keys(PROBLEM_STATUS));
const TABLED_ENUMS = /^(CommonErrorCode|AccessLogErrorCode|AuthErrorCode)\.(\w+)$/;
const ENUMS: Record<string, Record<string, string>> = { CommonErrorCode, AccessLogErrorCode, AuthErrorCode };

/** `new Problem(status, code, …)` calls whose code has a status in the table: each decides it twice. */
function handPickedStatuses(): string[] {
  const found: string[] = [];
  for (const name of readdirSync(SOURCE, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts') || name.endsWith('spec.ts')) continue;
    const file = join(SOURCE, name);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'Problem' && node.arguments?.[1]) {
        const arg = node.arguments[1];
        const member = TABLED_ENUMS.exec(arg.getText(source));
        const code = ts.isStringLiteral(arg) ? arg.text : member ? ENUMS[member[1]][member[2]] : undefined;
        if (code !== undefined && TABLED.has(code)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${relative(SOURCE, file)}:${line + 1} ${code}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('one code-to-status table', () => {
  it('gives a problem the status its code has in the table', () => {
    expect(Problem.of(AuthErrorCode.AccountLocked, 'locked').status).toBe(423);
    expect(Problem.of(AccessLogErrorCode.MonthNotOver, 'not over').status).toBe(422);
    expect(Problem.of(CommonErrorCode.StepUpRequired, 'step up').status).toBe(403);
    expect(Problem.validation([]).status).toBe(422);
  });

  it('is the only place a tabled code (common, access log, auth) gets its status', () => {
    // A body-parser error keeps its own 4xx status: it is the framework's answer, not one of ours.
    expect(handPickedStatuses().map((at) => at.replace(/:\d+ /, ' '))).toEqual([
      'common/problem.filter.ts VALIDATION_FAILED',
    ]);
  });
});
