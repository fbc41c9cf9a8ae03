import type {
  ActivityFields,
  LocalizedText,
  PolicyFields,
  ProcessorFields,
  ProvisionFields,
  RetentionValue,
  TransferFields,
} from '../register-types';

/** A retention as a document writes it: display text optional. */
export type RetentionInput = RetentionValue & { text?: Partial<LocalizedText> };

type Body<T, Omitted extends keyof T> = Partial<Omit<T, Omitted | 'retention' | 'position'>> & {
  retention?: RetentionInput;
  position?: number;
};

/**
 * A policy with all its registers, as `POST /api/registers/import` takes it (API.md). Rows
 * refer to each other by `key`; activities name a retention rule by its code.
 */
export interface RegisterDocument {
  policy: PolicyFields;
  processors?: (Body<ProcessorFields, 'policyId' | 'parentId'> & { key: string; parentKey?: string })[];
  provisions?: (Body<ProvisionFields, 'policyId'> & { key: string })[];
  transfers?: (Body<TransferFields, 'policyId'> & { key: string })[];
  activities?: (Body<
    ActivityFields,
    'policyId' | 'processorIds' | 'provisionIds' | 'transferIds' | 'retentionRuleId'
  > & {
    processorKeys?: string[];
    provisionKeys?: string[];
    transferKeys?: string[];
    retentionRuleCode?: string;
  })[];
}

export interface RegisterProfile {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  document: RegisterDocument;
}
