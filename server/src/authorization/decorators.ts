import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectType } from './abilities';

export const PUBLIC_KEY = 'access:public';
export const STAGES_KEY = 'access:stages';
export const ABILITY_KEY = 'access:ability';
export const SIGNED_IN_KEY = 'access:signed-in';
export const STEP_UP_KEY = 'access:step-up';

export type SessionStage = 'password_change' | 'mfa_enroll' | 'mfa_verify' | 'full';

/** Reachable without a session. The only way out of the closed-by-default guard chain. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable by a session that has not finished sign-in yet, at one of these stages. */
export const AllowStages = (...stages: SessionStage[]) => SetMetadata(STAGES_KEY, stages);

/** Any fully signed-in staff member, whatever their role (for example: who am I, sign out). */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

/** The role must be able to do `action` on some `subject` of this type. Row checks follow in the service. */
export const Can = (action: Action, subject: SubjectType) => SetMetadata(ABILITY_KEY, { action, subject });

/** The staff member must have entered a TOTP code within the step-up window. */
export const StepUp = () => SetMetadata(STEP_UP_KEY, true);
