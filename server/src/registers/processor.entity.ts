import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContractTerms, LocalizedText, ProcessorStatus, Retention } from './register-types';

/** An entrustee (PIPA Art. 26), or a re-entrustee when `parentId` is set. */
@Entity('register_processors')
export class ProcessorEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'policy_id', type: 'uuid' }) policyId!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'jsonb' }) recipient!: LocalizedText;
  @Column({ type: 'text' }) contact!: string;
  @Column({ type: 'jsonb' }) task!: LocalizedText;
  @Column({ type: 'jsonb' }) items!: LocalizedText;
  @Column({ name: 'protection_measures', type: 'jsonb' }) protectionMeasures!: LocalizedText;
  @Column({ type: 'jsonb' }) retention!: Retention;
  @Column({ type: 'text', nullable: true }) country!: string | null;
  @Column({ name: 'contract_terms', type: 'jsonb' }) contractTerms!: ContractTerms;
  @Column({ name: 'dpa_signed_on', type: 'date', nullable: true }) dpaSignedOn!: string | null;
  @Column({ name: 'dpa_expires_on', type: 'date', nullable: true }) dpaExpiresOn!: string | null;
  @Column({ name: 'last_inspection_on', type: 'date', nullable: true }) lastInspectionOn!: string | null;
  @Column({ name: 'next_inspection_due', type: 'date', nullable: true }) nextInspectionDue!: string | null;
  @Column({ type: 'text' }) status!: ProcessorStatus;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
