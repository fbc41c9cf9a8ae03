import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText, ProvisionBasis, Retention, RowStatus } from './register-types';

/** A provision of personal data to a third party (PIPA Art. 17). */
@Entity('register_provisions')
export class ProvisionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'policy_id', type: 'uuid' }) policyId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'jsonb' }) recipient!: LocalizedText;
  @Column({ type: 'jsonb' }) purpose!: LocalizedText;
  @Column({ type: 'jsonb' }) items!: LocalizedText;
  @Column({ type: 'jsonb' }) retention!: Retention;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis!: ProvisionBasis;
  @Column({ type: 'jsonb' }) refusal!: LocalizedText;
  @Column({ type: 'text' }) status!: RowStatus;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
