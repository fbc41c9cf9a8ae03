import type { FieldProblem } from '../../common/problem';
import { hasControlCharacters } from '../../common/text-validators';
import { IncidentTemplateErrorCode as Code } from './template.errors';
import {
  INCIDENT_PHASES,
  MAX_OFFSET_HOURS,
  MAX_TASKS,
  TASK_KEY,
  TASK_ROLES,
  type Bilingual,
  type IncidentPhase,
  type TaskRole,
  type TemplateTask,
} from './template-types';

const TASK_FIELDS = new Set(['key', 'phase', 'title', 'description', 'dueOffsetHours', 'dependsOn', 'role']);
const TITLE_MAX = 300;
const DESCRIPTION_MAX = 2000;

export interface TaskCheck {
  /** The tasks as they will be stored (text trimmed); meaningful only when there are no problems. */
  tasks: TemplateTask[];
  /** Every broken rule, each naming its field (`tasks.3.dependsOn`) and its rule code. */
  problems: FieldProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a template version's tasks against the rules of the checklist: at least one task, the
 * four NIST SP 800-61 phases, unique keys, dependencies on keys that exist and never in a circle,
 * due offsets of whole hours within a year. Pure: the service turns the problems into a 422.
 */
export function checkTemplateTasks(raw: unknown): TaskCheck {
  if (!Array.isArray(raw)) {
    return { tasks: [], problems: [problem('tasks', Code.TaskInvalid, 'A list of tasks')] };
  }
  if (raw.length === 0) {
    return { tasks: [], problems: [problem('tasks', Code.Empty, 'A template needs at least one task')] };
  }
  if (raw.length > MAX_TASKS) {
    return { tasks: [], problems: [problem('tasks', Code.Empty, `At most ${MAX_TASKS} tasks`)] };
  }
  const problems: FieldProblem[] = [];
  const tasks = raw.map((item, i) => readTask(item, `tasks.${i}`, problems));

  const firstIndex = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (task.key === '') return;
    const earlier = firstIndex.get(task.key);
    if (earlier === undefined) firstIndex.set(task.key, i);
    else
      problems.push(
        problem(`tasks.${i}.key`, Code.DuplicateKey, `Task ${earlier + 1} already has the key ${task.key}`),
      );
  });
  tasks.forEach((task, i) => {
    for (const dep of task.dependsOn) {
      if (!firstIndex.has(dep)) {
        problems.push(problem(`tasks.${i}.dependsOn`, Code.UnknownDependency, `No task has the key ${dep}`));
      }
    }
  });
  // A circle can only be named once every key is known and unique.
  if (problems.length === 0) {
    for (const cycle of findCycles(tasks)) {
      const names = [...cycle, cycle[0]].join(' → ');
      for (const key of cycle) {
        problems.push(
          problem(
            `tasks.${firstIndex.get(key)}.dependsOn`,
            Code.Cycle,
            `Tasks depend on each other in a circle: ${names}`,
          ),
        );
      }
    }
  }
  return { tasks, problems };
}

function problem(field: string, code: Code, message: string): FieldProblem {
  return { field, code, message };
}

function readTask(item: unknown, at: string, problems: FieldProblem[]): TemplateTask {
  if (!isObject(item)) {
    problems.push(problem(at, Code.TaskInvalid, 'A task: key, phase, title, dueOffsetHours, dependsOn'));
    return { key: '', phase: 'preparation', title: { ko: '', en: '' }, dueOffsetHours: 0, dependsOn: [] };
  }
  for (const field of Object.keys(item)) {
    if (!TASK_FIELDS.has(field)) problems.push(problem(`${at}.${field}`, Code.TaskInvalid, 'Unknown field'));
  }
  const key = typeof item.key === 'string' ? item.key : '';
  if (!TASK_KEY.test(key)) {
    problems.push(
      problem(`${at}.key`, Code.TaskInvalid, 'Lower-case letters, digits and _, starting with a letter (2–61)'),
    );
  }
  const phase = item.phase as IncidentPhase;
  if (!INCIDENT_PHASES.includes(phase)) {
    problems.push(problem(`${at}.phase`, Code.UnknownPhase, `One of the phases: ${INCIDENT_PHASES.join(', ')}`));
  }
  const title = readBilingual(item.title, `${at}.title`, TITLE_MAX, problems) ?? { ko: '', en: '' };
  const description =
    item.description === undefined || item.description === null
      ? undefined
      : readBilingual(item.description, `${at}.description`, DESCRIPTION_MAX, problems);
  const offset = item.dueOffsetHours;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET_HOURS) {
    problems.push(
      problem(`${at}.dueOffsetHours`, Code.OffsetOutOfRange, `Whole hours from awareness, 0 to ${MAX_OFFSET_HOURS}`),
    );
  }
  const dependsOn = readKeys(item.dependsOn, `${at}.dependsOn`, problems);
  if (item.role !== undefined && item.role !== null && !TASK_ROLES.includes(item.role as TaskRole)) {
    problems.push(problem(`${at}.role`, Code.TaskInvalid, `One of ${TASK_ROLES.join(', ')}`));
  }
  return {
    key,
    phase,
    title,
    ...(description !== undefined ? { description } : {}),
    dueOffsetHours: typeof offset === 'number' ? offset : 0,
    dependsOn,
    ...(typeof item.role === 'string' ? { role: item.role as TaskRole } : {}),
  };
}

function readBilingual(value: unknown, at: string, max: number, problems: FieldProblem[]): Bilingual | undefined {
  if (!isObject(value)) {
    problems.push(problem(at, Code.TaskInvalid, 'Korean and English text: { ko, en }'));
    return undefined;
  }
  const text = { ko: '', en: '' };
  for (const lang of ['ko', 'en'] as const) {
    const v = value[lang];
    const trimmed = typeof v === 'string' ? v.trim() : '';
    if (trimmed.length === 0 || trimmed.length > max || hasControlCharacters(trimmed)) {
      problems.push(problem(`${at}.${lang}`, Code.TaskInvalid, `Text of 1 to ${max} characters`));
    }
    text[lang] = trimmed;
  }
  for (const extra of Object.keys(value).filter((k) => k !== 'ko' && k !== 'en')) {
    problems.push(problem(`${at}.${extra}`, Code.TaskInvalid, 'Unknown field'));
  }
  return text;
}

function readKeys(value: unknown, at: string, problems: FieldProblem[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) {
    problems.push(problem(at, Code.TaskInvalid, 'A list of task keys'));
    return [];
  }
  return [...new Set(value as string[])];
}

/**
 * The circles in the dependency graph (Tarjan's strongly connected components): each as its keys
 * in dependency order, a task depending on itself being a circle of one.
 */
export function findCycles(tasks: readonly Pick<TemplateTask, 'key' | 'dependsOn'>[]): string[][] {
  const deps = new Map(tasks.map((t) => [t.key, t.dependsOn]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (key: string) => {
    index.set(key, next);
    low.set(key, next);
    next += 1;
    stack.push(key);
    onStack.add(key);
    for (const dep of deps.get(key) ?? []) {
      if (!deps.has(dep)) continue;
      if (!index.has(dep)) {
        visit(dep);
        low.set(key, Math.min(low.get(key)!, low.get(dep)!));
      } else if (onStack.has(dep)) {
        low.set(key, Math.min(low.get(key)!, index.get(dep)!));
      }
    }
    if (low.get(key) === index.get(key)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== key);
      if (component.length > 1 || (deps.get(key) ?? []).includes(key)) cycles.push(component.reverse());
    }
  };
  for (const { key } of tasks) if (!index.has(key)) visit(key);
  return cycles;
}

/**
 * The tasks in dependency order: a task after everything it depends on; among tasks free to go,
 * the earlier phase first, then the template's own order. Assumes checked tasks (no circle).
 */
export function dependencyOrder<T extends Pick<TemplateTask, 'key' | 'phase' | 'dependsOn'>>(tasks: readonly T[]): T[] {
  const rank = (t: T) => INCIDENT_PHASES.indexOf(t.phase) * (tasks.length + 1) + tasks.indexOf(t);
  const waiting = new Map(tasks.map((t) => [t.key, new Set(t.dependsOn)]));
  const done: T[] = [];
  while (done.length < tasks.length) {
    const ready = tasks.filter(
      (t) => !done.includes(t) && [...waiting.get(t.key)!].every((k) => done.some((d) => d.key === k)),
    );
    if (ready.length === 0) throw new Error('dependencyOrder: the tasks depend on each other in a circle');
    done.push(ready.reduce((a, b) => (rank(b) < rank(a) ? b : a)));
  }
  return done;
}
