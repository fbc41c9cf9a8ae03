import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DORMANCY_STATES, type DormancyState } from '../retention-types';

export class DormancyFilterDto {
  @IsOptional() @IsIn([...DORMANCY_STATES]) state?: DormancyState;
  @IsOptional() @IsUUID('all') subjectId?: string;
}

/** Support's lookup of a separated account: exactly one of the two (never stored or logged). */
export class DormancyLookupDto {
  @ApiPropertyOptional({ description: 'Exact e-mail address (blind index)' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Exact phone number, national or international form' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

/** One case of the dormancy pipeline as listed: no contact data, the name masked and gone once separated. */
export interface DormancyCaseView {
  id: string;
  subjectId: string;
  state: DormancyState;
  service: string | null;
  kind: string | null;
  maskedName: string | null;
  lastActiveAt: Date;
  noticeDueOn: string;
  separationDueOn: string;
  noticeChannel: string | null;
  notifiedAt: Date | null;
  separatedAt: Date | null;
  reactivatedAt: Date | null;
}
