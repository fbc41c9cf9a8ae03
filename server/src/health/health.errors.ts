/** Codes the health check answers with. */
export enum HealthErrorCode {
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
}
