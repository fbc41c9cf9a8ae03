import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  Art9Condition,
  DataCategory,
  LegalBasis,
  LocalizedText,
  Retention,
  RowStatus,
  SubjectCategory,
} from './register-types';

/** A processing activity (GDPR Art. 30(1)); its rows make the policy's collection table. */
@Entity('register_activities')
export class ActivityEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'policy_id', type: 'uuid' }) policyId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'jsonb' }) section!: LocalizedText;
  @Column({ type: 'jsonb' }) name!: LocalizedText;
  @Column({ type: 'jsonb' }) purpose!: LocalizedText;
  @Column({ type: 'jsonb' }) items!: LocalizedText;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis!: LegalBasis;
  @Column({ name: 'art9_condition', type: 'text', nullable: true }) art9Condition!: Art9Condition | null;
  @Column({ name: 'subject_categories', type: 'text', array: true }) subjectCategories!: SubjectCategory[];
  @Column({ name: 'data_categories', type: 'text', array: true }) dataCategories!: DataCategory[];
  @Column({ name: 'processor_ids', type: 'uuid', array: true }) processorIds!: string[];
  @Column({ name: 'provision_ids', type: 'uuid', array: true }) provisionIds!: string[];
  @Column({ name: 'transfer_ids', type: 'uuid', array: true }) transferIds!: string[];
  @Column({ type: 'jsonb' }) retention!: Retention;
  @Column({ name: 'retention_rule_id', type: 'uuid', nullable: true }) retentionRuleId!: string | null;
  @Column({ name: 'security_measures', type: 'jsonb' }) securityMeasures!: LocalizedText;
  @Column({ name: 'controller_contact', type: 'text' }) controllerContact!: string;
  @Column({ name: 'dpo_contact', type: 'text' }) dpoContact!: string;
  @Column({ type: 'text' }) status!: RowStatus;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
