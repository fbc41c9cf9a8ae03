import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';

/** The notification rules table (seeded by migration; the console only reads it). */
@Injectable()
export class NotificationRulesRepository {
  constructor(private readonly tx: Transactions) {}

  rows(): Promise<Record<string, unknown>[]> {
    return this.tx.manager.query(
      `SELECT code, regime, recipient, period, condition, legal_source, legal_source_ko, label_ko, label_en, notice_kind, position
       FROM incident_notification_rules ORDER BY position, code`,
    );
  }
}
