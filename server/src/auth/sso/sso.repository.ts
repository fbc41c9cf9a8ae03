import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { SsoIdentityEntity } from './sso-identity.entity';

/** Provider identities linked to staff accounts, and the SSO settings last recorded. */
@Injectable()
export class SsoRepository {
  constructor(private readonly tx: Transactions) {}

  private get identities() {
    return this.tx.manager.getRepository(SsoIdentityEntity);
  }

  findIdentity(issuer: string, subject: string): Promise<SsoIdentityEntity | null> {
    return this.identities.findOne({ where: { issuer, subject } });
  }

  findForStaff(staffId: string, issuer: string): Promise<SsoIdentityEntity | null> {
    return this.identities.findOne({ where: { staffId, issuer } });
  }

  async link(row: Omit<SsoIdentityEntity, 'id' | 'lastSignInAt'>): Promise<void> {
    await this.identities.insert({ ...row, lastSignInAt: row.linkedAt });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.identities.update(id, { lastSignInAt: at });
  }

  /**
   * Stores `fingerprint` as the current settings and answers the previous ones, or null when they
   * were the same. The row lock makes one of several instances starting together the recorder.
   */
  async swapSettings(
    fingerprint: string,
    settings: Record<string, unknown>,
    at: Date,
  ): Promise<{ previous: Record<string, unknown> | null } | null> {
    return this.tx.run(async () => {
      const rows = (await this.tx.manager.query(
        'SELECT fingerprint, settings FROM sso_settings WHERE id = 1 FOR UPDATE',
      )) as { fingerprint: string; settings: Record<string, unknown> }[];
      if (rows[0]?.fingerprint === fingerprint) return null;
      await this.tx.manager.query(
        `INSERT INTO sso_settings (id, fingerprint, settings, recorded_at) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, settings = EXCLUDED.settings,
           recorded_at = EXCLUDED.recorded_at`,
        [fingerprint, JSON.stringify(settings), at],
      );
      return { previous: rows[0]?.settings ?? null };
    });
  }
}
