import { isWellFormedHead, parseHeads, type SignedTreeHead } from '@poc/audit';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SINK_FILE = 'heads.jsonl';

/**
 * Signed tree heads kept outside the database: one JSON line per head in a directory (a WORM
 * bucket in production). A database superuser who rewrites the log cannot rewrite these.
 */
export class HeadSink {
  constructor(private readonly dir: string) {}

  get file(): string {
    return join(this.dir, SINK_FILE);
  }

  async append(head: SignedTreeHead): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file, `${JSON.stringify(head)}\n`);
  }

  async read(): Promise<SignedTreeHead[]> {
    return existsSync(this.file) ? readHeads(this.file) : [];
  }
}

/** Reads heads from a sink's JSON-lines file or an export's JSON array. */
export async function readHeads(file: string): Promise<SignedTreeHead[]> {
  const text = await readFile(file, 'utf8');
  if (!file.endsWith('.jsonl')) return parseHeads(text);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
    .filter(isWellFormedHead);
}
