import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ROLES, type Role } from '../../authorization/roles';

export class DashboardParam {
  @ApiProperty({ enum: [...ROLES], description: 'Whose home screen: each role reads its own' })
  @IsIn([...ROLES])
  role!: Role;
}
