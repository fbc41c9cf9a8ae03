import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

interface LintAnswer {
  texts: string[][];
  files: string[];
  linted: number;
}

/** Lints with the repository's eslint.config.mjs in a child process (jest cannot load it). */
function lint(request: { texts?: { filePath: string; code: string }[]; files?: string[] }): Promise<LintAnswer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'test/support/lint-boundaries.mjs')],
      { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify(request));
  });
}

const REFUSED =
  'boundaries/dependencies: A feature reaches another feature only through its module, service, types or errors';

const BAD_REPOSITORY = {
  filePath: 'server/src/registers/registers.service.ts',
  code: "import { SubjectsRepository } from '../subjects/subjects.repository';\nexport const x = SubjectsRepository;\n",
};
const BAD_ENTITY_TYPE = {
  filePath: 'server/src/auth/auth.service.ts',
  code: "import type { StaffEntity } from '../staff/staff.entity';\nexport type X = StaffEntity;\n",
};
const BAD_TOOLING = {
  filePath: 'server/src/cli/staff-create.ts',
  code: "import { StaffRepository } from '../staff/staff.repository';\nexport const x = StaffRepository;\n",
};
const GOOD = {
  filePath: 'server/src/registers/registers.service.ts',
  code: [
    "import { SubjectsModule } from '../subjects/subjects.module';",
    "import { SubjectsService } from '../subjects/subjects.service';",
    "import { SubjectsErrorCode } from '../subjects/subjects.errors';",
    "import { RegistersRepository } from './registers.repository';",
    "import { TransferEntity } from './transfer.entity';",
    'export const x = [SubjectsModule, SubjectsService, SubjectsErrorCode, RegistersRepository, TransferEntity];',
    '',
  ].join('\n'),
};

const CONTEXT_VALUE = {
  filePath: 'server/src/context/staff-context.ts',
  code: "import { AuditService } from '../access-log/audit.service';\nexport const x = AuditService;\n",
};
const CONFIG_IMPORT = {
  filePath: 'server/src/config/app-config.ts',
  code: "import { Problem } from '../common/problem';\nexport const x = Problem;\n",
};

describe('import boundaries between features (eslint-plugin-boundaries)', () => {
  let answer: LintAnswer;

  beforeAll(async () => {
    answer = await lint({
      texts: [BAD_REPOSITORY, BAD_ENTITY_TYPE, BAD_TOOLING, GOOD, CONTEXT_VALUE, CONFIG_IMPORT],
      files: ['server/src/**/*.ts'],
    });
  }, 120_000);

  it("refuses a feature importing another feature's repository", () => {
    expect(answer.texts[0]).toEqual([REFUSED]);
  });

  it("refuses another feature's entity, even imported as a type", () => {
    expect(answer.texts[1]).toEqual([REFUSED]);
  });

  it('holds the command-line tools to the same rule', () => {
    expect(answer.texts[2]).toEqual([REFUSED]);
  });

  it("allows another feature's module, service and errors, and a feature's own repository and entity", () => {
    expect(answer.texts[3]).toEqual([]);
  });

  it('keeps the request context and config below every feature', () => {
    expect(answer.texts[4]).toEqual([
      'boundaries/dependencies: The request context imports other folders as types only',
    ]);
    expect(answer.texts[5]).toEqual(["boundaries/dependencies: config imports nothing of the server's"]);
  });

  it("passes on the server's code as it is", () => {
    expect(answer.linted).toBeGreaterThan(100);
    expect(answer.files).toEqual([]);
  });
});
