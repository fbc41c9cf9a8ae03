import { MAUMJUUI_PROFILE } from './maumjuui.profile';
import type { RegisterProfile } from './register-document';
import { SHELBY_PROFILE } from './shelby.profile';

/** The importable profiles: each reproduces one published policy's tables. */
export const REGISTER_PROFILES: readonly RegisterProfile[] = [MAUMJUUI_PROFILE, SHELBY_PROFILE];
