import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../authorization/roles';
import type { StaffEntity } from '../staff.entity';

export class StaffResponse {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: 'active' | 'disabled';
  @ApiProperty() mfaEnrolled!: boolean;
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty({ nullable: true, type: String }) lockedUntil!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSignInAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: Number }) activeSessions!: number | null;

  static from(entity: StaffEntity, now: Date, activeSessions: number | null = null): StaffResponse {
    return Object.assign(new StaffResponse(), {
      id: entity.id,
      email: entity.email,
      displayName: entity.displayName,
      role: entity.role,
      status: entity.status,
      mfaEnrolled: entity.totpEnrolledAt !== null,
      mustChangePassword: entity.mustChangePassword,
      lockedUntil: entity.lockedUntil !== null && entity.lockedUntil > now ? entity.lockedUntil.toISOString() : null,
      lastSignInAt: entity.lastSignInAt?.toISOString() ?? null,
      createdAt: entity.createdAt.toISOString(),
      activeSessions,
    });
  }
}

export class InvitedStaffResponse extends StaffResponse {
  @ApiProperty({ description: 'Shown once; the person must change it at first sign-in' })
  temporaryPassword!: string;
}
