import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type HolidayOperation = 'seed' | 'create' | 'update' | 'end';

/** One saved version of a holiday: who, when, why, and the row as saved. Append-only. */
@Entity('calendar_holiday_versions')
export class HolidayVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'holiday_id', type: 'uuid' }) holidayId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) operation!: HolidayOperation;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
}
