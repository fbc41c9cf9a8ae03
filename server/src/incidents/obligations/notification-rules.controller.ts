import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can } from '../../authorization/decorators';
import type { NotificationRule } from './notification-engine';
import { NotificationRulesService } from './notification-rules.service';

@ApiTags('incidents')
@Controller('incidents/notification-rules')
export class NotificationRulesController {
  constructor(private readonly rules: NotificationRulesService) {}

  /** The notification rules (thresholds, periods, legal sources, labels) for the incident screens. No personal data. */
  @Get()
  @Can('read', 'Incident')
  notificationRules(): Promise<NotificationRule[]> {
    return this.rules.rules();
  }
}
