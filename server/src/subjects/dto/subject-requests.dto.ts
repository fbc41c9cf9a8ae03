import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IntegerParam } from '../../common/integer-param';
import { IsReason } from '../../common/text-validators';
import type {
  FindingKind,
  FindingStatus,
  IdentityCheckMethod,
  SocialProvider,
  SubjectKind,
  SubjectService,
  SubjectStatus,
} from '../subjects.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const SUBJECT_KINDS: readonly SubjectKind[] = ['client', 'counselor', 'guardian', 'child'];
export const SUBJECT_STATUSES: readonly SubjectStatus[] = ['active', 'dormant', 'locked', 'withdrawn'];
export const SUBJECT_SERVICES: readonly SubjectService[] = ['maumjuui', 'shelby'];
export const SOCIAL_PROVIDERS: readonly SocialProvider[] = ['google', 'naver', 'kakao'];
export const IDENTITY_CHECK_METHODS: readonly IdentityCheckMethod[] = [
  'phone_otp',
  'email_link',
  'id_document',
  'video_call',
  'callback_registered_phone',
  'guardian_document',
];
export const FINDING_KINDS: readonly FindingKind[] = [
  'recording_without_both_consents',
  'phi_without_consent',
  'child_without_guardian_consent',
  'supervision_sharing_without_consent',
];
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'in_progress', 'resolved', 'accepted_risk'];
/** Contact fields revealed with a purpose; `providerNicknames` are the social logins' nicknames. */
export const REVEALABLE_FIELDS = ['name', 'email', 'phone', 'birthDate', 'nickname', 'providerNicknames'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];
export const SUBJECT_SORT_FIELDS = ['createdAt', 'name', 'lastActiveAt'] as const;
export const ACCOUNT_ACTIONS = ['reactivate', 'unlock', 'unlink-social', 'withdraw'] as const;
export type AccountActionPath = (typeof ACCOUNT_ACTIONS)[number];

const PURPOSE_DOC = 'Why the value is needed; kept in the access log (10 to 500 characters)';

export class SubjectFilterDto {
  @ApiPropertyOptional({ description: 'Exact email address (blind index)' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Exact phone number, national or international form' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: 'Name prefix' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: SUBJECT_KINDS })
  @IsOptional()
  @IsIn(SUBJECT_KINDS)
  kind?: SubjectKind;

  @ApiPropertyOptional({ enum: SUBJECT_STATUSES })
  @IsOptional()
  @IsIn(SUBJECT_STATUSES)
  status?: SubjectStatus;

  @ApiPropertyOptional({ enum: SUBJECT_SERVICES })
  @IsOptional()
  @IsIn(SUBJECT_SERVICES)
  service?: SubjectService;
}

export class RevealDto {
  @ApiProperty({ enum: REVEALABLE_FIELDS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(REVEALABLE_FIELDS.length)
  @IsIn(REVEALABLE_FIELDS, { each: true })
  fields!: RevealableField[];

  @ApiProperty({ description: PURPOSE_DOC })
  @Transform(trim)
  @IsString()
  @Length(10, 500)
  purpose!: string;
}

export class PhiRevealDto {
  @ApiProperty({ description: PURPOSE_DOC })
  @Transform(trim)
  @IsString()
  @Length(10, 500)
  purpose!: string;

  @ApiPropertyOptional({ description: 'The case (request, complaint, incident) this reading serves' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:#/-]{1,100}$/, { message: 'caseId is letters, digits and . : # / - _ (at most 100)' })
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', isArray: true, description: 'The counseling records the purpose needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recordIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', isArray: true, description: 'The sensitive-data rows the purpose needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sensitiveDataIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', isArray: true, description: 'Bookings whose topic the purpose needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  bookingIds?: string[];

  @ApiPropertyOptional({ description: "The person's counseling interest" })
  @IsOptional()
  @IsBoolean()
  counselingInterest?: boolean;

  @ApiPropertyOptional({
    description: 'Must be true when a chosen record holds psychotherapy notes: they are opened only when asked for',
  })
  @IsOptional()
  @IsBoolean()
  psychotherapyNotes?: boolean;
}

export class IdentityCheckDto {
  @ApiProperty({ enum: IDENTITY_CHECK_METHODS })
  @IsIn(IDENTITY_CHECK_METHODS)
  method!: IdentityCheckMethod;

  @ApiProperty({ description: 'Where the evidence is: ticket number, call id, document reference' })
  @Transform(trim)
  @IsString()
  @Length(3, 200)
  evidenceRef!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AccountActionDto {
  @ApiProperty({ format: 'uuid', description: 'A recent identity check of this person' })
  @IsUUID('all')
  identityCheckId!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  reason!: string;

  @ApiPropertyOptional({ enum: SOCIAL_PROVIDERS, description: 'For unlink-social' })
  @IsOptional()
  @IsIn(SOCIAL_PROVIDERS)
  provider?: SocialProvider;
}

export class AccountActionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ enum: ACCOUNT_ACTIONS })
  @IsIn(ACCOUNT_ACTIONS)
  action!: AccountActionPath;
}

export class FindingFilterDto {
  @ApiPropertyOptional({ enum: FINDING_KINDS })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;

  @ApiPropertyOptional({ enum: SUBJECT_SERVICES })
  @IsOptional()
  @IsIn(SUBJECT_SERVICES)
  service?: SubjectService;

  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who owns the finding' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A finding's id: `kind:subjectId:ref`. */
export class FindingIdParam {
  @ApiProperty({ example: `phi_without_consent:<subject uuid>:<ref uuid>` })
  @Matches(new RegExp(`^(${FINDING_KINDS.join('|')}):${UUID}:${UUID}$`), {
    message: 'A finding id looks like kind:subjectId:ref',
  })
  id!: string;
}

/** Assigns or moves a finding (the DPO): owner, status and why, on the version edited. */
export class UpdateFindingDto {
  @ApiProperty({ enum: FINDING_STATUSES })
  @IsIn(FINDING_STATUSES)
  status!: FindingStatus;

  @ApiProperty({ format: 'uuid', nullable: true, description: 'The staff member who owns it (null: nobody)' })
  @ValidateIf((_o, value) => value !== null)
  @IsUUID('all')
  ownerId!: string | null;

  @IsReason()
  note!: string;

  @ApiProperty({ description: 'The version you edited; 0 for a finding nobody has worked on yet' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version!: number;
}

export class AccessHistoryQuery {
  @ApiPropertyOptional({ description: 'Events older than this seq (keyset paging)' })
  @IsOptional()
  @IntegerParam(1)
  before?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @IntegerParam(1, 200)
  limit?: number;
}
