import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { DATABASE_LOCATION, type DatabaseLocation } from '../database/database-location';
import { AuditSigner } from './audit-signer';

/**
 * What only the database owner may write about the access log, done once at start-up before
 * the sequencer runs: the public half of this server's signing key (heads and purge records
 * must name a registered key) and the retention a purge is checked against. Neither the
 * application role nor the sequencer role can write either, so neither can bring its own key
 * or shorten the retention (see migration 20261203000110).
 */
@Injectable()
export class AuditOwnerSetup implements OnModuleInit {
  constructor(
    private readonly signer: AuditSigner,
    private readonly config: AppConfig,
    @Inject(DATABASE_LOCATION) private readonly location: DatabaseLocation,
  ) {}

  async onModuleInit(): Promise<void> {
    const owner = new Client({ connectionString: this.location.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        'INSERT INTO audit_signing_keys (key_id, public_key_pem) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING',
        [this.signer.keyId, this.signer.publicKeyPem],
      );
      await owner.query('UPDATE audit_settings SET retention_days = $1', [this.config.auditRetentionDays]);
    } finally {
      await owner.end();
    }
  }
}
