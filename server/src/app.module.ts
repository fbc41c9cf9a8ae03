import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { RequestInputInterceptor } from './common/request-input.interceptor';
import { AuditedInterceptor } from './access-log/audited';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogModule } from './access-log/access-log.module';
import { AuthModule } from './auth/auth.module';
import { SessionGuard } from './auth/session.guard';
import { StepUpGuard } from './auth/step-up.guard';
import { AccessGuard } from './authorization/access.guard';
import { CalendarModule } from './calendar/calendar.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { Clock } from './calendar/clock';
import { CsrfGuard } from './common/csrf.guard';
import { MasterKey } from './common/master-key';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DATABASE_LOCATION, type DatabaseLocation } from './database/database-location';
import { APP_LOGGER } from './common/logger';
import type { Logger } from 'pino';
import { Transactions } from './database/transactions';
import { DashboardModule } from './dashboard/dashboard.module';
import { NamesModule } from './names/names.module';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { JobsModule } from './jobs/jobs.module';
import { OutboxModule } from './outbox/outbox.module';
import { RegistersModule } from './registers/registers.module';
import { RetentionModule } from './retention/retention.module';
import { RightsRequestsModule } from './rights-requests/rights-requests.module';
import { StaffModule } from './staff/staff.module';
import { SubjectsModule } from './subjects/subjects.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseLocation;
  clock: Clock;
  masterKey: MasterKey;
  log: Logger;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { database } = options;
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: database.appUrl,
          // Each module registers its own entities (TypeOrmModule.forFeature). They only map tables:
          // the schema comes from migrations/, never from these classes.
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          // Extensions are the migrations' business: the application role may not create one, and
          // TypeORM's attempt (uuid-ossp, for uuid keys) put a refusal in PostgreSQL's log at every start.
          installExtensions: false,
          // Without a separate application login, connect as the owner and drop to the app role.
          extra: { max: 10, ...(database.appRole ? { options: `-c role=${database.appRole}` } : {}) },
        }),
        CalendarModule.forRoot(options.clock),
        AccessLogModule,
        JobsModule,
        StaffModule,
        AuthModule,
        RegistersModule,
        SubjectsModule,
        OutboxModule,
        RightsRequestsModule,
        DashboardModule,
        NamesModule,
        ComplaintsModule,
        IncidentsModule,
        RetentionModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: MasterKey, useValue: options.masterKey },
        { provide: DATABASE_LOCATION, useValue: options.database },
        { provide: APP_LOGGER, useValue: options.log },
        // The one ambient transaction every repository and the access-log recorder join.
        Transactions,
        // The guard chain, in order. Every route is closed unless it declares otherwise.
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_GUARD, useExisting: SessionGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useExisting: StepUpGuard },
        // Before validation and the handler: text PostgreSQL cannot hold, or a body the route does not read.
        { provide: APP_INTERCEPTOR, useClass: RequestInputInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AuditedInterceptor },
      ],
      exports: [MasterKey, DATABASE_LOCATION, APP_LOGGER, Transactions],
    };
  }
}
