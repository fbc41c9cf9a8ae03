import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../authorization/decorators';
import { Problem } from '../common/problem';
import { HealthErrorCode } from './health.errors';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  async check(): Promise<{ status: 'ok'; database: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw Problem.of(HealthErrorCode.DatabaseUnavailable, 'The database does not answer');
    }
    return { status: 'ok', database: 'ok' };
  }
}
