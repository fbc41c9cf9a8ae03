import type { AuthProvider, UserIdentity } from 'react-admin';
import { buildAbility, canAccessWith, type ConsoleAbility } from './access';
import { http, isApiError } from './http';
import type { Me, Role, SessionInfo, SignInStage } from '../types';

/** The page each unfinished sign-in stage continues on. */
const STAGE_PATHS: Record<SignInStage, string> = {
  password_change: '/password-change',
  mfa_enroll: '/mfa/enroll',
  mfa_verify: '/mfa/verify',
  full: '/',
};

export const pathForStage = (stage: SignInStage): string => STAGE_PATHS[stage] ?? '/login';

export const SESSION_EXPIRED_PATH = '/login?expired=1';

export interface ConsoleIdentity extends UserIdentity {
  email: string;
  role: Role;
  mfaEnrolled: boolean;
  stepUpUntil: string | null;
}

/*
 * react-admin answers a failed checkAuth/checkError by calling logout() and then
 * redirecting. Two of those "logouts" must not end the server session: a session
 * that is still in the sign-in flow (it is sent on to its MFA page), and a session
 * the server already forgot. checkAuth/checkError record that here, logout() reads it.
 */
let plannedRedirect: string | null = null;
let hadFullSession = false;
/*
 * Set once a signed-in session is found gone, until the next sign-in. Several requests in flight
 * fail together when the server ends a session; the first one's cookie-less followers answer
 * UNAUTHENTICATED, and each failure makes react-admin log out and redirect again. Without this,
 * a later one sent the page on to a bare /login and the "session expired" notice vanished.
 */
let sessionEnded = false;

let meCache: { promise: Promise<{ me: Me; ability: ConsoleAbility }> } | null = null;

/** /api/auth/me with the ability built from its packed rules, fetched once per sign-in. */
export const loadMe = (): Promise<{ me: Me; ability: ConsoleAbility }> => {
  if (!meCache) {
    const promise = http.get<Me>('/auth/me').then((me) => ({ me, ability: buildAbility(me.rules) }));
    meCache = { promise };
    promise.catch(() => {
      if (meCache?.promise === promise) meCache = null;
    });
  }
  return meCache.promise;
};

/** Forget the cached identity and rules, e.g. after sign-in or step-up. */
export const forgetMe = (): void => {
  meCache = null;
};

const sessionLost = (code: string | undefined): boolean =>
  code === undefined || code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED';

/** Ends the server session (also a pre-MFA one) without going through react-admin. */
export const endSession = async (): Promise<void> => {
  forgetMe();
  hadFullSession = false;
  sessionEnded = false;
  plannedRedirect = null;
  try {
    await http.post('/auth/logout');
  } catch {
    // The session may already be gone; signing out is still done.
  }
};

export const authProvider: AuthProvider = {
  async login(params: { email: string; password: string }) {
    forgetMe();
    sessionEnded = false;
    const { stage } = await http.post<{ stage: SignInStage }>('/auth/login', {
      email: params.email,
      password: params.password,
    });
    return { redirectTo: pathForStage(stage) };
  },

  async checkAuth() {
    let session: SessionInfo;
    try {
      session = await http.get<SessionInfo>('/auth/session');
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        const expired = error.code === 'SESSION_EXPIRED' || hadFullSession || sessionEnded;
        sessionEnded = expired;
        hadFullSession = false;
        forgetMe();
        plannedRedirect = expired ? SESSION_EXPIRED_PATH : '/login';
        throw { redirectTo: plannedRedirect, message: false };
      }
      throw error;
    }
    if (session.stage !== 'full') {
      plannedRedirect = pathForStage(session.stage);
      throw { redirectTo: plannedRedirect, message: false };
    }
    hadFullSession = true;
    sessionEnded = false;
    plannedRedirect = null;
  },

  async checkError(error: unknown) {
    if (isApiError(error) && error.status === 401 && sessionLost(error.code)) {
      hadFullSession = false;
      sessionEnded = true;
      forgetMe();
      plannedRedirect = SESSION_EXPIRED_PATH;
      throw { redirectTo: SESSION_EXPIRED_PATH, message: false };
    }
    // A 403 is an answer about one action, not a reason to sign out.
  },

  async logout() {
    const redirect = plannedRedirect;
    plannedRedirect = null;
    if (redirect) {
      forgetMe();
      return redirect;
    }
    // A follower of a failure already handled: the session is gone, the notice stays.
    if (sessionEnded) return SESSION_EXPIRED_PATH;
    await endSession();
    return '/login';
  },

  async getIdentity(): Promise<ConsoleIdentity> {
    const { me } = await loadMe();
    return {
      id: me.staff.id,
      fullName: me.staff.displayName,
      email: me.staff.email,
      role: me.staff.role,
      mfaEnrolled: me.staff.mfaEnrolled,
      stepUpUntil: me.stepUpUntil,
    };
  },

  async canAccess(params) {
    const { ability } = await loadMe();
    return canAccessWith(ability, params);
  },
};
