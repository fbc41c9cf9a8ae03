import { Injectable } from '@nestjs/common';
import type { StaffContext } from '../../context/staff-context';
import type {
  ErasureDecision,
  ErasureProposal,
  ErasureResult,
  RectificationChange,
} from './fulfilment-types';

export * from './fulfilment-types';

/**
 * Carries out what a rights request decided, on the subject data (F7 contract §3). Every method
 * runs in its caller's ambient transaction and writes its access-log events there, each naming the
 * rights request.
 */
@Injectable()
export class SubjectFulfilmentService {
  proposeErasure(_subjectId: string): Promise<ErasureProposal> {
    throw new Error('not implemented yet');
  }

  erase(_ctx: StaffContext, _subjectId: string, _decisions: ErasureDecision[], _requestId: string): Promise<ErasureResult> {
    throw new Error('not implemented yet');
  }

  rectify(_ctx: StaffContext, _subjectId: string, _change: RectificationChange, _requestId: string): Promise<{ field: string }> {
    throw new Error('not implemented yet');
  }

  restrict(_ctx: StaffContext, _subjectId: string, _requestId: string, _reason: string): Promise<void> {
    throw new Error('not implemented yet');
  }

  liftRestriction(_ctx: StaffContext, _subjectId: string, _requestId: string, _reason: string): Promise<void> {
    throw new Error('not implemented yet');
  }

  isRestricted(_subjectId: string): Promise<boolean> {
    throw new Error('not implemented yet');
  }

  withdrawConsents(
    _ctx: StaffContext,
    _subjectId: string,
    _purposes: string[],
    _requestId: string,
  ): Promise<{ withdrawn: string[] }> {
    throw new Error('not implemented yet');
  }

  withdrawAccount(_ctx: StaffContext, _subjectId: string, _requestId: string): Promise<ErasureResult> {
    throw new Error('not implemented yet');
  }
}
