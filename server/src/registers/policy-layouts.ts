import type { Layout, LocalizedText, PolicyTable } from './register-types';

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
} as const;

export type ColumnOf<T extends PolicyTable> = (typeof COLUMNS)[T][number];

export interface LayoutColumn<T extends PolicyTable> {
  column: ColumnOf<T>;
  header: LocalizedText;
}

export type TableLayout = { [T in PolicyTable]: LayoutColumn<T>[] };

export const TABLE_TITLES: Record<PolicyTable, LocalizedText> = {
  collection: { ko: '수집하는 개인정보 항목', en: 'Personal Information Collected' },
  provision: { ko: '개인정보의 제3자 제공', en: 'Provision of Personal Information to Third Parties' },
  entrustment: { ko: '개인정보 처리의 위탁', en: 'Entrustment of Personal Information Processing' },
  transfer: { ko: '개인정보의 국외 이전', en: 'International Transfer of Personal Information' },
};

const h = (ko: string, en: string): LocalizedText => ({ ko, en });

/** Every column the law asks for (PIPA Art. 17(2), 26(2), 28-8(2); GDPR Art. 13). */
const STANDARD: TableLayout = {
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
};

/** The columns of MaumJuui's published global policy (sections 1.A, 3 and 4). */
const MAUMJUUI: TableLayout = {
  collection: [
    { column: 'name', header: h('구분', 'Category') },
    { column: 'items', header: h('수집 항목', 'Information Collected') },
    { column: 'purpose', header: h('이용 목적 및 범위', 'Purpose and Scope') },
  ],
  provision: STANDARD.provision,
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

/** The columns of Shelby's published policy (제1조, 제7조, 제8조). */
const SHELBY: TableLayout = {
  collection: STANDARD.collection,
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
  transfer: STANDARD.transfer,
};

export const LAYOUT_TABLES: Record<Layout, TableLayout> = {
  standard: STANDARD,
  maumjuui: MAUMJUUI,
  shelby: SHELBY,
};
