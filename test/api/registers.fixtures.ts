import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexer, type Token, type Tokens } from 'marked';
import { plainText } from '../../server/src/registers/drift-check';
import { Agent, agent, PASSWORD, signIn, TestServer } from '../support/server';
import type { Role } from '../../server/src/authorization/roles';
import { createSubject } from '../support/subject-factory';

const PUBLISHED = join(__dirname, '../../server/src/registers/profiles/published');

/** The published policies the profiles reproduce (fixtures). */
export const publishedPolicy = (
  name: 'maumjuui-global-privacy-policy.txt' | 'maumjuui-privacy-policy-en.md' | 'shelby-privacy-policy-ko.md',
) => readFileSync(join(PUBLISHED, name), 'utf8');

export interface ParsedTable {
  headers: string[];
  rows: string[][];
}

/** Every GFM table in a Markdown document, as visible text. */
export function markdownTables(markdown: string): ParsedTable[] {
  const out: ParsedTable[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        out.push({
          headers: table.header.map((c) => plainText(c.tokens, c.text)),
          rows: table.rows.map((r) => r.map((c) => plainText(c.tokens, c.text))),
        });
      }
    }
  };
  walk(lexer(markdown));
  return out;
}

/** The rows of every table with exactly these headers, in document order. */
export function rowsUnder(markdown: string, headers: string[]): string[][] {
  const tables = markdownTables(markdown).filter((t) => JSON.stringify(t.headers) === JSON.stringify(headers));
  if (tables.length === 0) throw new Error(`No table has the headers ${headers.join(' | ')}`);
  return tables.flatMap((t) => t.rows);
}

export const TABLES = {
  maumjuuiCollection: ['Category', 'Information Collected', 'Purpose and Scope'],
  maumjuuiEntrustment: ['Recipient', 'Outsourced Task', 'Data Protection Measures', 'Provided Information (Sample)'],
  maumjuuiTransfer: [
    'Recipient (Contact)',
    'Transfer Country',
    'Transferred Personal Information',
    'Purpose, Retention Period, Method',
  ],
  shelbyCollection: ['구분', '수집 항목', '이용 목적', '보유 및 이용기간'],
  shelbyProvision: ['제공받는 자', '제공 목적', '제공 항목', '보유기간'],
  shelbyEntrustment: ['수탁업체', '위탁업무 내용', '보유 및 이용기간'],
};

const credentials = new WeakMap<Agent, { email: string; secret: string }>();

export async function signedIn(server: TestServer, role: Role, email = `${role}@example.com`): Promise<Agent> {
  await server.createStaff({ email, role, password: PASSWORD });
  const client = agent(server);
  credentials.set(client, { email, secret: await signIn(server, client, email, PASSWORD) });
  return client;
}

/** Signs the same person in again (after the fake clock jumped past the session's life). */
export async function signInAgain(server: TestServer, client: Agent): Promise<void> {
  const { email, secret } = credentials.get(client)!;
  await signIn(server, client, email, PASSWORD, secret);
}

export const ALL_TERMS = {
  purposeLimit: true,
  safeguards: true,
  scope: true,
  reentrustmentLimits: true,
  accessLimits: true,
  supervision: true,
  liability: true,
};

export const processorBody = (policyId: string, overrides: Record<string, unknown> = {}) => ({
  policyId,
  recipient: { ko: '테스트 수탁사', en: 'Test processor' },
  task: { ko: '테스트 업무', en: 'Test task' },
  retention: { kind: 'until_contract_end' },
  contractTerms: ALL_TERMS,
  status: 'active',
  reason: 'new processor for a test',
  ...overrides,
});

export const transferBody = (policyId: string, overrides: Record<string, unknown> = {}) => ({
  policyId,
  recipient: { ko: '테스트 수령인', en: 'Test recipient' },
  country: 'JP',
  items: { ko: '이름', en: 'Name' },
  purpose: { ko: '테스트', en: 'Testing' },
  retention: { kind: 'duration', period: 'P1Y' },
  pipaBasis: 'separate_consent',
  gdprMechanism: 'adequacy',
  reason: 'new transfer for a test',
  ...overrides,
});

export const activityBody = (policyId: string, overrides: Record<string, unknown> = {}) => ({
  policyId,
  name: { ko: '테스트 활동', en: 'Test activity' },
  purpose: { ko: '테스트', en: 'Testing' },
  items: { ko: '이름, 이메일', en: 'Name, email' },
  legalBasis: 'contract',
  subjectCategories: ['members'],
  dataCategories: ['identity', 'contact'],
  retention: { kind: 'until_withdrawal' },
  controllerContact: 'Controller — controller@example.com',
  dpoContact: 'DPO — dpo@example.com',
  reason: 'new activity for a test',
  ...overrides,
});

/** The people the disclosure fixtures name, and the staff member who approves them. */
export const DISCLOSED_PEOPLE = ['11111111-2222-4333-8444-555555555555', '99999999-2222-4333-8444-555555555555'];
let approverId = '00000000-0000-4000-8000-000000000000';

/**
 * A disclosure names a person and its approver by id (chosen with pickers; the server checks
 * both exist): creates them, once per server, before {@link disclosureBody} is sent.
 */
export async function prepareDisclosures(server: TestServer): Promise<{ approverId: string }> {
  for (const id of DISCLOSED_PEOPLE) await createSubject(server, { id, name: '김공개' });
  approverId = (
    await server.createStaff({
      email: 'approver@example.com',
      role: 'dpo',
      password: PASSWORD,
      displayName: '정현주 (CTO)',
    })
  ).id;
  return { approverId };
}

export const disclosureBody = (overrides: Record<string, unknown> = {}) => ({
  subjectId: DISCLOSED_PEOPLE[0],
  authority: '서울중앙지방법원',
  basisType: 'court_order',
  legalBasis: '형사소송법 제215조',
  requestReference: '2026고합123',
  items: '상담 예약 기록',
  disclosedOn: '2026-10-02',
  approvedById: approverId,
  shareWithSubject: false,
  reason: 'logging a court order',
  ...overrides,
});
