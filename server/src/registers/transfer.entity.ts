import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Derogation, GdprMechanism, LocalizedText, PipaBasis, Retention } from './register-types';

/** A transfer of personal data abroad (PIPA Art. 28-8, GDPR Art. 44-49). */
@Entity('register_transfers')
export class TransferEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'policy_id', type: 'uuid' }) policyId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'jsonb' }) recipient!: LocalizedText;
  @Column({ type: 'text' }) contact!: string;
  @Column({ type: 'text' }) country!: string;
  @Column({ type: 'jsonb' }) items!: LocalizedText;
  @Column({ type: 'jsonb' }) purpose!: LocalizedText;
  @Column({ type: 'jsonb' }) retention!: Retention;
  @Column({ name: 'timing_method', type: 'jsonb' }) timingMethod!: LocalizedText;
  @Column({ name: 'pipa_basis', type: 'text' }) pipaBasis!: PipaBasis;
  @Column({ name: 'gdpr_mechanism', type: 'text', nullable: true }) gdprMechanism!: GdprMechanism | null;
  @Column({ type: 'text', nullable: true }) derogation!: Derogation | null;
  @Column({ type: 'jsonb' }) refusal!: LocalizedText;
  @Column({ type: 'boolean' }) suspended!: boolean;
  @Column({ name: 'in_use', type: 'boolean' }) inUse!: boolean;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
