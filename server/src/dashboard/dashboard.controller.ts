import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { DashboardService } from './dashboard.service';
import { DashboardParam } from './dto/dashboard.dto';

/**
 * Each role's home screen as figures. Counts and statuses only, never a row about a person or a
 * staff member, so reading one is not an access-log event (there is no personal data to record).
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get(':role')
  @Can('read', 'Dashboard')
  figures(@CurrentStaff() me: StaffContext, @Param() { role }: DashboardParam) {
    return this.dashboards.figures(me, role);
  }
}
