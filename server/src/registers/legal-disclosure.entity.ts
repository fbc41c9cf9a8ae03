import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DisclosureBasisType } from './register-types';

/** A disclosure the law required (court order, mandatory report). Names a subject. */
@Entity('legal_disclosures')
export class LegalDisclosureEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId!: string;
  @Column({ type: 'text' }) authority!: string;
  @Column({ name: 'basis_type', type: 'text' }) basisType!: DisclosureBasisType;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis!: string;
  @Column({ name: 'request_reference', type: 'text' }) requestReference!: string;
  @Column({ type: 'text' }) items!: string;
  @Column({ name: 'disclosed_on', type: 'date' }) disclosedOn!: string;
  /** The approver's name as it was when saved (free text on rows from before F6). */
  @Column({ name: 'approved_by', type: 'text' }) approvedBy!: string;
  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true }) approvedById!: string | null;
  @Column({ name: 'share_with_subject', type: 'boolean' }) shareWithSubject!: boolean;
  @Column({ type: 'text' }) notes!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
