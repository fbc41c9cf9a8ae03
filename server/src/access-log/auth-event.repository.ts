import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthEventEntity } from './auth-event.entity';

@Injectable()
export class AuthEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: Omit<AuthEventEntity, 'id'>, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager)
      .getRepository(AuthEventEntity)
      .insert(row as Parameters<Repository<AuthEventEntity>['insert']>[0]);
  }

  listForStaff(staffId: string, limit: number): Promise<AuthEventEntity[]> {
    return this.dataSource
      .getRepository(AuthEventEntity)
      .find({ where: { staffId }, order: { id: 'DESC' }, take: limit });
  }
}
