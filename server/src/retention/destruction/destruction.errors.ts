/** The destruction queue's, runs' and certificates' problem codes (statuses in common/problem-status.ts). */
export enum DestructionErrorCode {
  RunNotFound = 'DESTRUCTION_RUN_NOT_FOUND',
  CertificateNotFound = 'DESTRUCTION_CERTIFICATE_NOT_FOUND',
}
