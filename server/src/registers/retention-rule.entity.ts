import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText, Retention } from './register-types';

/** A retention rule processing activities link to (seeded; a later feature manages them). */
@Entity('retention_rules')
export class RetentionRuleEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'jsonb' }) name!: LocalizedText;
  @Column({ type: 'jsonb' }) retention!: Retention;
  @Column({ type: 'text' }) source!: string;
}
