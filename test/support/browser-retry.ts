// A browser test that fails is run again, at most twice, with its first error printed: on a
// loaded 2-core machine a screen can miss a wait. A failure that repeats still fails the run.
jest.retryTimes(2, { logErrorsBeforeRetry: true });
