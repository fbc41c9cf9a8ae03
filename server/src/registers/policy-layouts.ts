import { POLICY_TABLES, type Lang, type Layout, type LocalizedText, type PolicyTable } from './register-types';

export const COLUMNS = {
  collection: ['name', 'items', 'purpose', 'retention'],
  provision: ['recipient', 'purpose', 'items', 'retention', 'refusal'],
  entrustment: ['recipient', 'task', 'items', 'protection', 'retention', 'country'],
  transfer: [
    'recipientContact',
    'country',
    'items',
    'timingMethod',
    'purpose',
    'retention',
    'refusal',
    'purposeRetentionMethod',
  ],
  records: ['record', 'retention', 'law'],
} as const;

export type ColumnOf<T extends PolicyTable> = (typeof COLUMNS)[T][number];

export interface LayoutColumn<T extends PolicyTable> {
  column: ColumnOf<T>;
  header: LocalizedText;
}

/** The columns of each table a policy has; a table it does not have is left out. */
export type TableLayout = { [T in PolicyTable]?: LayoutColumn<T>[] };
type FullTableLayout = { [T in PolicyTable]: LayoutColumn<T>[] };

export const TABLE_TITLES: Record<PolicyTable, LocalizedText> = {
  collection: { ko: '수집하는 개인정보 항목', en: 'Personal Information Collected' },
  records: { ko: '법령에 따라 보존하는 기록', en: 'Records Kept by Law' },
  provision: { ko: '개인정보의 제3자 제공', en: 'Provision of Personal Information to Third Parties' },
  entrustment: { ko: '개인정보 처리의 위탁', en: 'Entrustment of Personal Information Processing' },
  transfer: { ko: '개인정보의 국외 이전', en: 'International Transfer of Personal Information' },
};

/**
 * What a policy says when it has a table but the registers have no row for it: a statement,
 * not an empty table (an empty table reads as something left out).
 */
export const NONE_TEXT: Record<PolicyTable, LocalizedText> = {
  collection: { ko: '수집하는 개인정보가 없습니다.', en: 'No personal information is collected.' },
  records: {
    ko: '법령에 따라 따로 보존하는 기록이 없습니다.',
    en: 'No records are kept for a period set by law.',
  },
  provision: {
    ko: '회사는 개인정보를 제3자에게 제공하지 않습니다.',
    en: 'The Company does not provide personal information to third parties.',
  },
  entrustment: {
    ko: '회사는 개인정보 처리업무를 위탁하지 않습니다.',
    en: 'The Company does not entrust the processing of personal information to others.',
  },
  transfer: {
    ko: '회사는 개인정보를 국외로 이전하지 않습니다.',
    en: 'The Company does not transfer personal information abroad.',
  },
};

const h = (ko: string, en: string): LocalizedText => ({ ko, en });

/** Every column the law asks for (PIPA Art. 17(2), 26(2), 28-8(2); GDPR Art. 13). */
const STANDARD: FullTableLayout = {
  collection: [
    { column: 'name', header: h('구분', 'Category') },
    { column: 'items', header: h('수집 항목', 'Items Collected') },
    { column: 'purpose', header: h('이용 목적', 'Purpose') },
    { column: 'retention', header: h('보유 및 이용기간', 'Retention Period') },
  ],
  provision: [
    { column: 'recipient', header: h('제공받는 자', 'Recipient') },
    { column: 'purpose', header: h('제공 목적', 'Purpose of Provision') },
    { column: 'items', header: h('제공 항목', 'Items Provided') },
    { column: 'retention', header: h('보유 및 이용기간', "Recipient's Retention Period") },
    { column: 'refusal', header: h('동의 거부권 및 거부 시 불이익', 'Right to Refuse and Its Consequences') },
  ],
  entrustment: [
    { column: 'recipient', header: h('수탁자', 'Processor') },
    { column: 'task', header: h('위탁업무 내용', 'Entrusted Task') },
    { column: 'items', header: h('위탁 항목', 'Items Entrusted') },
    { column: 'protection', header: h('보호 조치', 'Protection Measures') },
    { column: 'retention', header: h('보유 및 이용기간', 'Retention Period') },
  ],
  transfer: [
    { column: 'recipientContact', header: h('이전받는 자(연락처)', 'Recipient (Contact)') },
    { column: 'country', header: h('이전 국가', 'Country') },
    { column: 'items', header: h('이전 항목', 'Items Transferred') },
    { column: 'timingMethod', header: h('이전 일시 및 방법', 'Timing and Method') },
    { column: 'purpose', header: h('이용 목적', 'Purpose') },
    { column: 'retention', header: h('보유 및 이용기간', 'Retention Period') },
    { column: 'refusal', header: h('거부 방법 및 절차', 'How to Refuse') },
  ],
  records: [
    { column: 'record', header: h('보존하는 기록', 'Record') },
    { column: 'retention', header: h('보존 기간', 'Retention Period') },
    { column: 'law', header: h('근거 법령', 'Law') },
  ],
};

/**
 * The columns of MaumJuui's published global policy (sections 1.A, 3 and 4). It has no
 * third-party provision table (its section 3 lists only the outsourcing) and no list of records
 * kept by statute.
 */
const MAUMJUUI: TableLayout = {
  collection: [
    { column: 'name', header: h('구분', 'Category') },
    { column: 'items', header: h('수집 항목', 'Information Collected') },
    { column: 'purpose', header: h('이용 목적 및 범위', 'Purpose and Scope') },
  ],
  entrustment: [
    { column: 'recipient', header: h('수탁자', 'Recipient') },
    { column: 'task', header: h('위탁 업무', 'Outsourced Task') },
    { column: 'protection', header: h('개인정보 보호 조치', 'Data Protection Measures') },
    { column: 'items', header: h('제공 정보(예시)', 'Provided Information (Sample)') },
  ],
  transfer: [
    { column: 'recipientContact', header: h('이전받는 자(연락처)', 'Recipient (Contact)') },
    { column: 'country', header: h('이전 국가', 'Transfer Country') },
    { column: 'items', header: h('이전되는 개인정보 항목', 'Transferred Personal Information') },
    {
      column: 'purposeRetentionMethod',
      header: h('이전 목적, 보유기간, 이전 방법', 'Purpose, Retention Period, Method'),
    },
  ],
};

/**
 * The columns of Shelby's published policy (제1조, 제5조, 제7조, 제8조). It transfers nothing
 * abroad and has no transfer table. 제5조 is a list ("기록: 기간"), not a table.
 */
const SHELBY: TableLayout = {
  collection: STANDARD.collection,
  records: [
    { column: 'record', header: h('보존하는 기록', 'Record') },
    { column: 'retention', header: h('보존 기간', 'Retention Period') },
  ],
  provision: [
    { column: 'recipient', header: h('제공받는 자', 'Recipient') },
    { column: 'purpose', header: h('제공 목적', 'Purpose of Provision') },
    { column: 'items', header: h('제공 항목', 'Items Provided') },
    { column: 'retention', header: h('보유기간', 'Retention Period') },
  ],
  entrustment: [
    { column: 'recipient', header: h('수탁업체', 'Processor') },
    { column: 'task', header: h('위탁업무 내용', 'Entrusted Task') },
    { column: 'retention', header: h('보유 및 이용기간', 'Retention Period') },
  ],
};

/** What a layout knows about the published policy besides its columns. */
export interface PolicyLayout {
  /** The language the policy is published in: a table not found is named in it. */
  lang: Lang;
  tables: TableLayout;
  /** Where the policy has each table (the drift check names it when the table is missing). */
  sections: Partial<Record<PolicyTable, LocalizedText>>;
  /** Tables the policy writes as a list of "label: value" lines rather than as a table. */
  lists: readonly PolicyTable[];
  /** A sentence the policy puts before a table's rows. */
  intros: Partial<Record<PolicyTable, LocalizedText>>;
  /** The retention rules (codes, in order) its records list names; null: every statutory rule. */
  records: readonly string[] | null;
}

export const POLICY_LAYOUTS: Record<Layout, PolicyLayout> = {
  standard: { lang: 'ko', tables: STANDARD, sections: {}, lists: [], intros: {}, records: null },
  maumjuui: {
    lang: 'en',
    tables: MAUMJUUI,
    sections: {
      collection: h(
        '1. 개인정보의 수집 및 처리 — A. 수집하는 개인정보',
        '1. Collection — A. Personal Information Collected',
      ),
      entrustment: h('3. 공유 및 제3자 제공', '3. Sharing and Third-Party Data Provision'),
      transfer: h('4. 국외 이전 및 보호 조치', '4. International Data Transfer and Data Protection Measures'),
    },
    lists: [],
    intros: {},
    records: [],
  },
  shelby: {
    lang: 'ko',
    tables: SHELBY,
    sections: {
      collection: h('제1조 (수집하는 개인정보 항목 및 수집 방법)', 'Article 1 (Personal Information Collected)'),
      records: h('제5조 (개인정보의 보유 및 처리 기간)', 'Article 5 (Retention and Processing Period)'),
      provision: h('제7조 (개인정보의 제3자 제공)', 'Article 7 (Provision to Third Parties)'),
      entrustment: h('제8조 (개인정보의 위탁 처리)', 'Article 8 (Entrustment of Processing)'),
    },
    lists: ['records'],
    intros: {
      records: h(
        '단, 다음의 법령에 따라 일정 기간 보존할 수 있습니다.',
        'However, the following records may be kept for a period the law sets.',
      ),
    },
    // 제5조 as published; the advertising records (6 months) are not among them.
    records: [
      'ecommerce_contract_records',
      'ecommerce_payment_records',
      'ecommerce_complaint_records',
      'website_visit_logs',
    ],
  },
};

/** The tables a policy of this layout has, in the policy's order. */
export function layoutTables(layout: Layout): PolicyTable[] {
  return POLICY_TABLES.filter((t) => POLICY_LAYOUTS[layout].tables[t] !== undefined);
}

/** The columns of a table in a layout, or null when the policy has no such table. */
export function layoutColumns<T extends PolicyTable>(layout: Layout, table: T): LayoutColumn<T>[] | null {
  return (POLICY_LAYOUTS[layout].tables[table] as LayoutColumn<T>[] | undefined) ?? null;
}
