import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { AccessLogErrorCode } from '../access-log/access-log.errors';
import { AuthErrorCode } from '../auth/auth.errors';
import { JobsErrorCode } from '../jobs/jobs.errors';
import { SubjectsErrorCode } from '../subjects/subjects.errors';
import { Problem } from './problem';
import { CommonErrorCode } from './problem-codes';

const SOURCE = join(__dirname, '..');

/** `new Problem(status, code, …)` calls anywhere in server/src whose status is not the table's: each decides it by hand. */
function handPickedStatuses(): string[] {
  const found: string[] = [];
  for (const name of readdirSync(SOURCE, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts') || name.endsWith('spec.ts')) continue;
    const file = join(SOURCE, name);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'Problem') {
        const [status, code] = (node.arguments ?? []).map((arg) => arg.getText(source));
        if (status !== 'PROBLEM_STATUS[code]') {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${relative(SOURCE, file)}:${line + 1} ${status} ${code}`);
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
    expect(Problem.of(SubjectsErrorCode.KeyShredded, 'gone').status).toBe(410);
    expect(Problem.of(JobsErrorCode.JobsUnavailable, 'not running').status).toBe(503);
  });

  it('is the only place any code in server/src gets its status', () => {
    // A body-parser error and a framework HttpException keep their own 4xx status: they are the
    // framework's answer, not one of ours (problem.filter.ts).
    expect(handPickedStatuses().map((at) => at.replace(/:\d+ /, ' '))).toEqual([
      'common/problem.filter.ts bodyParserError.status CommonErrorCode.ValidationFailed',
      'common/problem.filter.ts status code',
    ]);
  });
});
