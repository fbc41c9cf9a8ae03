import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { staffSubject } from '../access-log/audit-event';
import { AuditService } from '../access-log/audit.service';
import { AuthEventService, EventOrigin } from '../access-log/auth-event.service';
import { AuthEventType } from '../access-log/auth-event-type';
import { CredentialsService } from '../auth/credentials.service';
import type { StaffContext } from '../context/staff-context';
import { throwUnlessCan, type Action } from '../authorization/abilities';
import type { Role } from '../authorization/roles';
import { Clock } from '../common/clock';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import type { InviteStaffDto, StaffFilterDto, STAFF_SORT_FIELDS } from './dto/staff-requests.dto';
import { InvitedStaffResponse, StaffResponse } from './dto/staff-response.dto';
import { StaffEntity } from './staff.entity';
import { StaffErrorCode } from './staff.errors';
import { StaffRepository } from './staff.repository';

export interface NewAccount {
  email: string;
  displayName: string;
  role: Role;
  /** Omit to generate a temporary password that must be changed at first sign-in. */
  password?: string;
  createdBy?: string;
}

/** A staff account as other features see it: sign-in reads its credential columns. */
export type StaffAccount = StaffEntity;

/** Staff accounts: administration by sysadmins, and the account state sign-in relies on. */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly credentials: CredentialsService,
    private readonly events: AuthEventService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- administration -------------------------------------------------------------

  /** Names and roles of staff members, for the access log's rows (the caller checks and records). */
  namesByIds(ids: string[]) {
    return ids.length === 0 ? Promise.resolve([]) : this.staff.namesByIds(ids);
  }

  /** Staff by name or email, for pickers (the caller checks and records). */
  searchNames(q: string) {
    return this.staff.searchNames(q, 20);
  }

  /** Staff by role and MFA state, and locked accounts: counts for the sysadmin's dashboard. */
  figures() {
    return this.staff.figures(this.clock.now());
  }

  async list(
    ctx: StaffContext,
    params: ListParams<(typeof STAFF_SORT_FIELDS)[number], StaffFilterDto>,
  ): Promise<{ rows: StaffResponse[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'Staff');
    const { rows, total } = await this.staff.list({
      q: params.filter.q,
      role: params.filter.role,
      status: params.filter.status,
      ids: params.filter.id,
      sortField: params.sortField,
      sortOrder: params.sortOrder,
      offset: params.offset,
      limit: params.limit,
    });
    // Staff records are personal data too: every view is in the access log before it is answered.
    await this.audit.record(
      {
        action: 'view',
        resource: 'staff',
        outcome: 'success',
        fields: STAFF_FIELDS,
        detail: { list: true, count: rows.length, filter: { ...params.filter } },
      },
      ctx.origin,
    );
    const now = this.clock.now();
    return { rows: rows.map((r) => StaffResponse.from(r, now, r.activeSessions)), total };
  }

  async get(ctx: StaffContext, id: string): Promise<StaffResponse> {
    const row = await this.loadAndCheck(ctx, id, 'read');
    await this.audit.record(
      { action: 'view', resource: 'staff', outcome: 'success', subjectId: staffSubject(id), fields: STAFF_FIELDS },
      ctx.origin,
    );
    return StaffResponse.from(row, this.clock.now());
  }

  async invite(ctx: StaffContext, dto: InviteStaffDto): Promise<InvitedStaffResponse> {
    throwUnlessCan(ctx.ability, 'create', 'Staff');
    const { account, temporaryPassword } = await this.createAccount(
      { email: dto.email, displayName: dto.displayName, role: dto.role, createdBy: ctx.id },
      ctx.origin,
    );
    return Object.assign(new InvitedStaffResponse(), StaffResponse.from(account, this.clock.now()), {
      temporaryPassword: temporaryPassword as string,
    });
  }

  async changeRole(ctx: StaffContext, id: string, role: Role, reason: string): Promise<StaffResponse> {
    if (id === ctx.id) {
      throw Problem.of(StaffErrorCode.SelfRoleChange, 'Nobody changes their own role');
    }
    return this.administer(ctx, id, 'changeRole', async (row, now, manager) => {
      await this.staff.update(id, { role, updatedAt: now }, manager);
      await this.staff.revokeSessions(id, 'role_changed', now, manager);
      return { type: AuthEventType.RoleChanged, detail: { from: row.role, to: role, reason } };
    });
  }

  disable(ctx: StaffContext, id: string, reason: string): Promise<StaffResponse> {
    this.refuseSelf(ctx, id);
    return this.administer(ctx, id, 'disable', async (_row, now, manager) => {
      await this.staff.update(id, { status: 'disabled', disabledAt: now, updatedAt: now }, manager);
      await this.staff.revokeSessions(id, 'account_disabled', now, manager);
      return { type: AuthEventType.StaffDisabled, detail: { reason } };
    });
  }

  enable(ctx: StaffContext, id: string, reason: string): Promise<StaffResponse> {
    return this.administer(ctx, id, 'enable', async (_row, now, manager) => {
      await this.staff.update(id, { status: 'active', disabledAt: null, updatedAt: now }, manager);
      return { type: AuthEventType.StaffEnabled, detail: { reason } };
    });
  }

  unlock(ctx: StaffContext, id: string, reason: string): Promise<StaffResponse> {
    return this.administer(ctx, id, 'unlock', async (_row, now, manager) => {
      await this.staff.update(id, { failedAttempts: 0, lockedUntil: null, updatedAt: now }, manager);
      return { type: AuthEventType.StaffUnlocked, detail: { reason } };
    });
  }

  /** Removes the authenticator and recovery codes; the person enrolls again at next sign-in. */
  resetMfa(ctx: StaffContext, id: string, reason: string): Promise<StaffResponse> {
    this.refuseSelf(ctx, id);
    return this.administer(ctx, id, 'resetMfa', async (_row, now, manager) => {
      await this.staff.update(
        id,
        {
          totpSecretEnc: null,
          totpPendingSecretEnc: null,
          totpEnrolledAt: null,
          totpLastStep: null,
          updatedAt: now,
        },
        manager,
      );
      await this.credentials.deleteRecoveryCodes(id, manager);
      await this.staff.revokeSessions(id, 'mfa_reset', now, manager);
      return { type: AuthEventType.MfaReset, detail: { reason } };
    });
  }

  /**
   * The identity provider's role claim decides the role (SSO_ROLE_CLAIM): applied at sign-in,
   * before the new session exists, with the older sessions ended as for any role change.
   */
  async applyRoleFromProvider(id: string, role: Role, claim: string, origin: EventOrigin): Promise<void> {
    await this.staff.transaction(async (manager) => {
      const row = await this.staff.findByIdForUpdate(id, manager);
      if (row === null || row.role === role) return;
      const now = this.clock.now();
      await this.staff.update(id, { role, updatedAt: now }, manager);
      await this.staff.revokeSessions(id, 'role_changed', now, manager);
      await this.events.record(
        {
          type: AuthEventType.RoleChanged,
          outcome: 'success',
          staffId: id,
          detail: { from: row.role, to: role, reason: `identity provider claim ${claim}` },
        },
        origin,
        manager,
      );
    });
  }

  /** Checks the ability on the loaded row (it carries conditions), changes it and records why, in one transaction. */
  private async administer(
    ctx: StaffContext,
    id: string,
    action: Action,
    change: (
      row: StaffEntity,
      now: Date,
      manager: EntityManager,
    ) => Promise<{ type: AuthEventType; detail: Record<string, unknown> }>,
  ): Promise<StaffResponse> {
    const result = await this.staff.transaction(async (manager) => {
      const row = await this.staff.findByIdForUpdate(id, manager);
      if (row === null) throw this.notFound();
      throwUnlessCan(ctx.ability, action, asSubject('Staff', { ...row }));
      const now = this.clock.now();
      const event = await change(row, now, manager);
      await this.events.record({ ...event, outcome: 'success', staffId: id }, ctx.origin, manager);
      return (await this.staff.findById(id, manager)) as StaffEntity;
    });
    return StaffResponse.from(result, this.clock.now());
  }

  private async loadAndCheck(ctx: StaffContext, id: string, action: Action): Promise<StaffEntity> {
    const row = await this.staff.findById(id);
    if (row === null) throw this.notFound();
    throwUnlessCan(ctx.ability, action, asSubject('Staff', { ...row }));
    return row;
  }

  private refuseSelf(ctx: StaffContext, id: string): void {
    if (id === ctx.id) {
      throw Problem.of(StaffErrorCode.SelfAction, 'Nobody does this to their own account');
    }
  }

  private notFound(): Problem {
    return Problem.of(StaffErrorCode.StaffNotFound, 'No staff member has this id');
  }

  // ---- accounts (sign-in, first sysadmin, demo staff) --------------------------------

  async createAccount(
    input: NewAccount,
    origin: EventOrigin,
  ): Promise<{ account: StaffEntity; temporaryPassword?: string }> {
    const email = input.email.trim().toLowerCase();
    const temporaryPassword = input.password === undefined ? generateTemporaryPassword() : undefined;
    const password = input.password ?? (temporaryPassword as string);
    const passwordHash = await this.credentials.hashNewPassword(password, email, 'password');
    if (await this.staff.emailExists(email)) {
      throw Problem.of(StaffErrorCode.EmailTaken, 'A staff member already has this email', [
        { field: 'email', code: StaffErrorCode.EmailTaken, message: 'Already in use' },
      ]);
    }
    const now = this.clock.now();
    const account = await this.staff.transaction(async (manager) => {
      const created = await this.staff.insert(
        {
          email,
          displayName: input.displayName.trim(),
          role: input.role,
          status: 'active',
          passwordHash,
          mustChangePassword: temporaryPassword !== undefined,
          passwordChangedAt: now,
          failedAttempts: 0,
          createdAt: now,
          updatedAt: now,
          createdBy: input.createdBy ?? null,
        },
        manager,
      );
      await this.events.record(
        { type: AuthEventType.StaffCreated, outcome: 'success', staffId: created.id, detail: { role: input.role } },
        origin,
        manager,
      );
      return created;
    });
    return { account, temporaryPassword };
  }

  countAccounts(): Promise<number> {
    return this.staff.count();
  }

  findById(id: string): Promise<StaffEntity | null> {
    return this.staff.findById(id);
  }

  findForSignIn(email: string): Promise<StaffEntity | null> {
    return this.staff.findByEmailWithCredentials(email.trim().toLowerCase());
  }

  findWithCredentials(id: string): Promise<StaffEntity | null> {
    return this.staff.findWithCredentials(id);
  }

  registerFailure(id: string, max: number, lockoutMs: number) {
    return this.staff.registerFailure(id, this.clock.now(), max, lockoutMs);
  }

  async registerSignIn(id: string): Promise<void> {
    const now = this.clock.now();
    await this.staff.update(id, { lastSignInAt: now, failedAttempts: 0, lockedUntil: null, updatedAt: now });
  }

  async changePassword(account: StaffEntity, newPassword: string): Promise<void> {
    const passwordHash = await this.credentials.hashNewPassword(newPassword, account.email);
    if (await this.credentials.verifyPassword(account.passwordHash, newPassword)) {
      throw Problem.validation([
        {
          field: 'newPassword',
          code: 'PASSWORD_UNCHANGED',
          message: 'Choose a password different from the current one',
        },
      ]);
    }
    const now = this.clock.now();
    await this.staff.update(account.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      updatedAt: now,
    });
  }

  async setPendingTotpSecret(id: string, sealed: Buffer): Promise<void> {
    await this.staff.update(id, { totpPendingSecretEnc: sealed, updatedAt: this.clock.now() });
  }

  /** Makes the pending secret the active one, stores the recovery codes and the first used step. */
  async activateTotp(id: string, sealed: Buffer, step: number, recoveryCodeHashes: Buffer[]): Promise<void> {
    const now = this.clock.now();
    await this.staff.transaction(async (manager) => {
      await this.staff.update(
        id,
        {
          totpSecretEnc: sealed,
          totpPendingSecretEnc: null,
          totpEnrolledAt: now,
          totpLastStep: String(step),
          failedAttempts: 0,
          lockedUntil: null,
          updatedAt: now,
        },
        manager,
      );
      await this.credentials.replaceRecoveryCodes(id, recoveryCodeHashes, manager);
    });
  }

  acceptTotpStep(id: string, step: number): Promise<boolean> {
    return this.staff.acceptTotpStep(id, step, this.clock.now());
  }
}

/** The personal data a staff response shows. */
const STAFF_FIELDS = ['email', 'displayName', 'role', 'status', 'lastSignInAt'];

/** 20 characters from a 32-letter alphabet without look-alikes: about 100 bits. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz123456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out.replace(/(.{5})(?!$)/g, '$1-');
}
