import 'reflect-metadata';
import { AUDITED_KEY } from '../access-log/audited';
import { ABILITY_KEY, STEP_UP_KEY } from '../authorization/decorators';
import { IdParam } from '../common/id-param';
import { ActivitiesController } from './activities.controller';
import { CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { CreateDisclosureDto, UpdateDisclosureDto } from './dto/disclosure.dto';
import { CreatePolicyDto, UpdatePolicyDto } from './dto/policy.dto';
import { CreateProcessorDto, UpdateProcessorDto } from './dto/processor.dto';
import { CreateProvisionDto, UpdateProvisionDto } from './dto/provision.dto';
import { AsOfQuery, ExportQuery } from './dto/register-tools.dto';
import { CreateTransferDto, UpdateTransferDto } from './dto/transfer.dto';
import { LegalDisclosuresController } from './legal-disclosures.controller';
import { ProcessorsController } from './processors.controller';
import { ProvisionsController } from './provisions.controller';
import { RegisterPoliciesController } from './register-policies.controller';
import { TransfersController } from './transfers.controller';

// The read routes are inherited from RegisterReadRoutes(). The routes-closed test looks only at a
// controller's own methods, so this checks what it cannot see: every inherited route carries its
// own ability and access-log declaration, and every parameter the ValidationPipe validates is
// typed with a concrete class (a generic or `Object` parameter would not be validated at all).
const controllers = [
  { cls: ProcessorsController, create: CreateProcessorDto, update: UpdateProcessorDto, audit: 'register-processors' },
  { cls: ProvisionsController, create: CreateProvisionDto, update: UpdateProvisionDto, audit: 'register-provisions' },
  { cls: TransfersController, create: CreateTransferDto, update: UpdateTransferDto, audit: 'register-transfers' },
  { cls: ActivitiesController, create: CreateActivityDto, update: UpdateActivityDto, audit: 'register-activities' },
  { cls: RegisterPoliciesController, create: CreatePolicyDto, update: UpdatePolicyDto, audit: 'register-policies' },
  {
    cls: LegalDisclosuresController,
    create: CreateDisclosureDto,
    update: UpdateDisclosureDto,
    audit: 'legal-disclosure',
  },
];

const handler = (cls: { prototype: object }, name: string) =>
  (cls.prototype as Record<string, (...args: unknown[]) => unknown>)[name];
const paramTypes = (cls: { prototype: object }, name: string) =>
  Reflect.getMetadata('design:paramtypes', cls.prototype, name) as unknown[];

describe.each(controllers)('$cls.name', ({ cls, create, update, audit }) => {
  const subject = cls === LegalDisclosuresController ? 'LegalDisclosure' : 'Register';

  it('types every validated parameter with a concrete class', () => {
    expect(paramTypes(cls, 'create')[1]).toBe(create);
    expect(paramTypes(cls, 'update').slice(1)).toEqual([IdParam, update]);
    expect(paramTypes(cls, 'export')[1]).toBe(ExportQuery);
    expect(paramTypes(cls, 'get').slice(1)).toEqual([IdParam, AsOfQuery]);
    expect(paramTypes(cls, 'history')[1]).toBe(IdParam);
  });

  it('declares the ability and access-log event of each inherited read route', () => {
    for (const name of ['list', 'export', 'get', 'history']) {
      expect({ name, ability: Reflect.getMetadata(ABILITY_KEY, handler(cls, name)) }).toEqual({
        name,
        ability: { action: 'read', subject },
      });
    }
    expect(Reflect.getMetadata(AUDITED_KEY, handler(cls, 'export'))).toEqual({ action: 'download', resource: audit });
    // Exporting disclosures (people named in court orders and reports) needs step-up; the other registers name no one.
    expect(Reflect.getMetadata(STEP_UP_KEY, handler(cls, 'export'))).toBe(
      subject === 'LegalDisclosure' ? true : undefined,
    );
    // Disclosures name a person: every read is in the access log. Other registers name no one.
    for (const name of ['list', 'get', 'history']) {
      expect({ name, audited: Reflect.getMetadata(AUDITED_KEY, handler(cls, name)) }).toEqual({
        name,
        audited: subject === 'LegalDisclosure' ? { action: 'view', resource: 'legal-disclosure' } : undefined,
      });
    }
  });
});
