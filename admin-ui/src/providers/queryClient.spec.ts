/// <reference types="jest" />
import { ApiError } from './http';
import { MAX_RETRIES, retryDelay, shouldRetry } from './queryClient';

jest.mock('react-admin', () => jest.requireActual('../testing/reactAdminStub'));

describe('the console query client', () => {
  const unreachable = new ApiError(0, undefined);

  it('retries a read the server could not answer at most twice', () => {
    expect(shouldRetry(0, unreachable)).toBe(true);
    expect(shouldRetry(1, new ApiError(503, undefined))).toBe(true);
    expect(shouldRetry(MAX_RETRIES, unreachable)).toBe(false);
  });

  it('never retries an answer: refused, not found, signed out', () => {
    for (const status of [400, 401, 403, 404, 409, 422])
      expect(shouldRetry(0, new ApiError(status, undefined))).toBe(false);
  });

  it('waits at least 2 s, then longer, never more than 45 s', () => {
    expect(retryDelay(0, () => 0)).toBe(2_000);
    expect(retryDelay(1, () => 0)).toBe(4_000);
    expect(retryDelay(10, () => 0.999)).toBeLessThanOrEqual(45_000);
    // At most MAX_RETRIES + 1 requests per query in the first 6 s, whatever the randomness.
    expect(retryDelay(0, () => 0) + retryDelay(1, () => 0)).toBeGreaterThanOrEqual(6_000);
  });
});
