import { Injectable } from '@nestjs/common';
import type { StaffContext } from '../../context/staff-context';
import type { ExportOptions, ExportPackage } from './export-types';

export type { AccessItem, ExportOptions, ExportPackage, ExportRedaction, ExportSummary } from './export-types';
export { ACCESS_ITEMS, EXPORT_SCHEMA_VERSION } from './export-types';

/**
 * The access and portability package of one person (F7): JSON and PDF in the requester's language,
 * built in the caller's transaction with its access-log events.
 */
@Injectable()
export class SubjectExportService {
  build(_ctx: StaffContext, _options: ExportOptions): Promise<ExportPackage> {
    return Promise.reject(new Error('SubjectExportService.build: not built yet'));
  }
}
