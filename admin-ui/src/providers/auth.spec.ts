/// <reference types="jest" />
import { ApiError } from './http';
import { authProvider, SESSION_EXPIRED_PATH } from './auth';

jest.mock('react-admin', () => jest.requireActual('../testing/reactAdminStub'));

/** The server as the auth provider sees it: each path answers what the test says. */
const answers = new Map<string, () => unknown>();
jest.mock('./http', () => {
  const actual = jest.requireActual<typeof import('./http')>('./http');
  const call = (path: string) => {
    const answer = answers.get(path);
    if (!answer) throw new Error(`unexpected request ${path}`);
    return Promise.resolve().then(answer);
  };
  return { ...actual, http: { get: call, post: call, delete: call } };
});

const signedOut = (code: string) => () => {
  throw new ApiError(401, { type: 'about:blank', title: 'Unauthorized', status: 401, code, detail: '' });
};
const redirectOf = async (step: Promise<unknown>) => {
  try {
    await step;
  } catch (thrown) {
    return (thrown as { redirectTo?: string }).redirectTo;
  }
  return undefined;
};

describe('the console auth provider when the server ends a session', () => {
  beforeEach(async () => {
    answers.clear();
    answers.set('/auth/logout', () => ({}));
    answers.set('/auth/login', () => ({ stage: 'full' }));
    await authProvider.login({ email: 'a@example.com', password: 'x' });
    answers.set('/auth/session', () => ({ stage: 'full' }));
    await authProvider.checkAuth({});
  });

  it('sends every request that fails together to the "session expired" page, the first and its followers', async () => {
    answers.set('/auth/session', signedOut('UNAUTHENTICATED'));
    // The first failure: the session was ended.
    expect(await redirectOf(authProvider.checkError(new ApiError(401, { code: 'SESSION_EXPIRED' } as never)))).toBe(
      SESSION_EXPIRED_PATH,
    );
    expect(await authProvider.logout({})).toBe(SESSION_EXPIRED_PATH);
    // Its followers: the cookie is gone, so the server now says UNAUTHENTICATED.
    expect(await redirectOf(authProvider.checkAuth({}))).toBe(SESSION_EXPIRED_PATH);
    expect(await authProvider.logout({})).toBe(SESSION_EXPIRED_PATH);
    expect(await authProvider.logout({})).toBe(SESSION_EXPIRED_PATH);
  });

  it('goes to the plain sign-in page again once someone signs in and out', async () => {
    await redirectOf(authProvider.checkError(new ApiError(401, { code: 'SESSION_EXPIRED' } as never)));
    await authProvider.logout({});
    await authProvider.login({ email: 'a@example.com', password: 'x' });
    expect(await authProvider.logout({})).toBe('/login');
  });
});
