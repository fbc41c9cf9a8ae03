import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HolidayKind } from './holiday-source';
import type { Jurisdiction } from './jurisdictions';

export type HolidaySourceKind = 'library' | 'manual';
export type HolidayStatus = 'active' | 'ended';

/** A day on which a jurisdiction does not work. An ended holiday no longer counts. */
@Entity('calendar_holidays')
export class HolidayEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) jurisdiction!: Jurisdiction;
  @Column({ name: 'on_date', type: 'date' }) date!: string;
  @Column({ name: 'name_ko', type: 'text' }) nameKo!: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn!: string;
  @Column({ type: 'text' }) kind!: HolidayKind;
  @Column({ type: 'text' }) source!: HolidaySourceKind;
  @Column({ type: 'text' }) status!: HolidayStatus;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
