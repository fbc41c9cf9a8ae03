import { Injectable } from '@nestjs/common';
import { ruleOfRow, type NotificationRule } from './notification-engine';
import { NotificationRulesRepository } from './notification-rules.repository';

/**
 * The rules the notification engine applies, read from the table each time (a handful of rows):
 * a migration that changes a threshold takes effect without a code change. A malformed row throws,
 * so a broken rule fails loudly instead of silently requiring nothing.
 */
@Injectable()
export class NotificationRulesService {
  constructor(private readonly repository: NotificationRulesRepository) {}

  async rules(): Promise<NotificationRule[]> {
    return (await this.repository.rows()).map(ruleOfRow);
  }
}
