import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './http';

/** At most this many retries of one failed read, and only when the server could not answer. */
export const MAX_RETRIES = 2;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 30_000;

/**
 * Whether a failed read is worth another try: only when the server was unreachable (status 0)
 * or failed (5xx). A 4xx is an answer (refused, not found, signed out): asking again changes
 * nothing and, for a personal-data read, writes the access log again.
 */
export const shouldRetry = (failureCount: number, error: unknown): boolean => {
  if (failureCount >= MAX_RETRIES) return false;
  if (isApiError(error)) return error.status === 0 || error.status >= 500;
  return true;
};

/**
 * 2 s, 4 s, … up to 30 s, each with up to half again at random, so that the screens open at one
 * moment do not all ask again at the same instant.
 */
export const retryDelay = (attempt: number, random: () => number = Math.random): number => {
  const base = Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
  return Math.round(base * (1 + random() / 2));
};

/**
 * The console's react-query client. react-query's defaults retry every failed query three times
 * after 1, 2 and 4 s, and refetch every query when the window regains focus or the network comes
 * back; with a dozen queries on a screen, an unreachable server got dozens of requests within
 * seconds. Here: no retry for answers, two spaced retries for failures, no retry of writes.
 */
export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay: (attempt: number) => retryDelay(attempt) },
      mutations: { retry: false },
    },
  });
