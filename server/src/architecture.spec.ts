import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const SOURCE = __dirname;

function serverFiles(): string[] {
  return readdirSync(SOURCE, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('spec.ts'))
    .map((f) => join(SOURCE, f));
}

/** Every relative import and re-export of each server file, type-only ones included. */
function importGraph(): Map<string, string[]> {
  const files = serverFiles();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const targets: string[] = [];
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (specifier === undefined || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const base = resolve(dirname(file), specifier.text);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target !== undefined) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan): each is an import cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(SOURCE, member));
    } while (member !== file);
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** Per feature folder: the entity classes it declares, and those its modules register. */
function entityRegistrations(): Map<string, { declared: string[]; registered: string[] }> {
  const byFeature = new Map<string, { declared: string[]; registered: string[] }>();
  for (const file of serverFiles()) {
    const feature = relative(SOURCE, file).split('/')[0];
    const entry = byFeature.get(feature) ?? { declared: [], registered: [] };
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/@Entity\([^)]*\)\s*export class (\w+)/g)) entry.declared.push(name);
    if (basename(file).endsWith('.module.ts')) {
      for (const [, list] of text.matchAll(/TypeOrmModule\.forFeature\(\[([^\]]*)\]/g)) {
        entry.registered.push(
          ...list
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean),
        );
      }
    }
    byFeature.set(feature, entry);
  }
  for (const entry of byFeature.values()) {
    entry.declared.sort();
    entry.registered.sort();
  }
  return byFeature;
}

describe('each module registers its own entities', () => {
  it('registers every entity class with TypeOrmModule.forFeature in a module of the same folder', () => {
    const registrations = entityRegistrations();
    expect(registrations.get('staff')?.declared).toContain('StaffEntity');
    for (const [feature, { declared, registered }] of registrations) {
      expect({ feature, registered }).toEqual({ feature, registered: declared });
    }
  });
});

describe('server import graph', () => {
  it('has no import cycle between files, type-only imports included', () => {
    const graph = importGraph();
    // The walk must have found the code, or an empty graph would pass.
    expect(graph.get(join(SOURCE, 'context/request-context.ts'))).toEqual(
      expect.arrayContaining([join(SOURCE, 'context/staff-context.ts')]),
    );
    expect(cycles(graph)).toEqual([]);
  });
});
