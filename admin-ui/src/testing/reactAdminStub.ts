/**
 * What the providers' unit tests need of react-admin: its HttpError, which ApiError extends. The
 * real package pulls in React and MUI, which a node test does not load. Use it as
 * `jest.mock('react-admin', () => jest.requireActual('../testing/reactAdminStub'))`.
 */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}
