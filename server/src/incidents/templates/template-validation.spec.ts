import { checkTemplateTasks, dependencyOrder, findCycles } from './template-validation';

const task = (key: string, dependsOn: string[] = [], extra: Record<string, unknown> = {}) => ({
  key,
  phase: 'containment_eradication_recovery',
  title: { ko: `${key} 작업`, en: `${key} task` },
  dueOffsetHours: 24,
  dependsOn,
  ...extra,
});
const codes = (raw: unknown) => checkTemplateTasks(raw).problems.map((p) => `${p.field} ${p.code}`);

describe('checklist template rules', () => {
  it('accepts a well-formed template and trims its text', () => {
    const { tasks, problems } = checkTemplateTasks([
      task('assemble_team', [], { phase: 'preparation', title: { ko: ' 소집 ', en: ' Convene ' }, role: 'security' }),
      task('isolate_server', ['assemble_team'], { dueOffsetHours: 0 }),
      task('lessons_learned', ['isolate_server'], { phase: 'post_incident', dueOffsetHours: 8760 }),
    ]);
    expect(problems).toEqual([]);
    expect(tasks[0].title).toEqual({ ko: '소집', en: 'Convene' });
  });

  it('refuses a cycle and names the tasks in it, in dependency order', () => {
    const { problems } = checkTemplateTasks([
      task('aa', ['bb']),
      task('bb', ['cc']),
      task('cc', ['aa']),
      task('dd', ['aa']),
    ]);
    expect(problems.map((p) => p.field)).toEqual(['tasks.0.dependsOn', 'tasks.1.dependsOn', 'tasks.2.dependsOn']);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['TEMPLATE_CYCLE']));
    expect(problems[0].message).toContain('aa → bb → cc → aa');
  });

  it('refuses a task that depends on itself', () => {
    expect(codes([task('aa'), task('bb', ['bb'])])).toEqual(['tasks.1.dependsOn TEMPLATE_CYCLE']);
    expect(findCycles([{ key: 'bb', dependsOn: ['bb'] }])).toEqual([['bb']]);
  });

  it('refuses a phase outside NIST SP 800-61', () => {
    expect(codes([task('aa', [], { phase: 'recovery' })])).toEqual(['tasks.0.phase TEMPLATE_UNKNOWN_PHASE']);
    expect(codes([task('aa', [], { phase: undefined })])).toEqual(['tasks.0.phase TEMPLATE_UNKNOWN_PHASE']);
  });

  it('refuses a dependency on a key no task has', () => {
    const { problems } = checkTemplateTasks([task('aa', ['ghost'])]);
    expect(problems).toEqual([
      { field: 'tasks.0.dependsOn', code: 'TEMPLATE_UNKNOWN_DEPENDENCY', message: 'No task has the key ghost' },
    ]);
  });

  it('refuses two tasks with the same key, naming the later one', () => {
    expect(codes([task('aa'), task('bb'), task('aa')])).toEqual(['tasks.2.key TEMPLATE_DUPLICATE_KEY']);
  });

  it.each([-1, 8761, 1.5, '24', null])('refuses the due offset %p', (offset) => {
    expect(codes([task('aa', [], { dueOffsetHours: offset })])).toEqual([
      'tasks.0.dueOffsetHours TEMPLATE_OFFSET_OUT_OF_RANGE',
    ]);
  });

  it('refuses an empty template, and one that is not a list', () => {
    expect(codes([])).toEqual(['tasks TEMPLATE_EMPTY']);
    expect(codes({})).toEqual(['tasks TEMPLATE_TASK_INVALID']);
  });

  it('refuses incomplete tasks, naming the field', () => {
    expect(
      codes([
        { ...task('aa'), title: { ko: '', en: 'x' } },
        { ...task('Bad Key') },
        { ...task('cc'), role: 'support' },
        { ...task('dd'), colour: 'red' },
        'not a task',
      ]),
    ).toEqual([
      'tasks.0.title.ko TEMPLATE_TASK_INVALID',
      'tasks.1.key TEMPLATE_TASK_INVALID',
      'tasks.2.role TEMPLATE_TASK_INVALID',
      'tasks.3.colour TEMPLATE_TASK_INVALID',
      'tasks.4 TEMPLATE_TASK_INVALID',
    ]);
  });

  it('orders tasks after what they depend on, then by phase, then as written', () => {
    const ordered = dependencyOrder([
      task('report', ['assess'], { phase: 'detection_analysis' }),
      task('isolate', []),
      task('assess', ['confirm'], { phase: 'detection_analysis' }),
      task('confirm', ['isolate']),
      task('team', [], { phase: 'preparation' }),
    ] as never[]);
    expect(ordered.map((t: { key: string }) => t.key)).toEqual(['team', 'isolate', 'confirm', 'assess', 'report']);
  });
});
