import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-admin';
import { endSession, forgetMe, pathForStage } from '../providers/auth';
import { http, isApiError } from '../providers/http';
import type { SessionInfo, SignInStage } from '../types';

/** Moves on to the page of the next sign-in stage; at `full` react-admin re-checks auth. */
export const useContinueSignIn = () => {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (stage: SignInStage) => {
      if (stage !== 'full') {
        navigate(pathForStage(stage));
        return;
      }
      forgetMe();
      // react-admin cached "not authenticated" while the session was pre-MFA.
      await queryClient.resetQueries({ queryKey: ['auth'] });
      navigate('/');
    },
    [navigate, queryClient],
  );
};

/**
 * Keeps a sign-in page to its own stage: no session goes back to the sign-in page,
 * a session in another stage goes to that stage's page.
 */
export const useStageGuard = (expected: SignInStage): SessionInfo | null => {
  const navigate = useNavigate();
  const [session, setSession] = useState<SessionInfo | null>(null);
  useEffect(() => {
    let cancelled = false;
    http
      .get<SessionInfo>('/auth/session')
      .then((value) => {
        if (cancelled) return;
        if (value.stage !== expected) navigate(pathForStage(value.stage));
        else setSession(value);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (isApiError(error) && error.status === 401) navigate('/login');
      });
    return () => {
      cancelled = true;
    };
  }, [expected, navigate]);
  return session;
};

/** Ends a half-finished sign-in and returns to the sign-in page. */
export const useStartOver = () => {
  const navigate = useNavigate();
  return useCallback(async () => {
    await endSession();
    navigate('/login');
  }, [navigate]);
};
