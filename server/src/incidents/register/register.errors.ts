/** The register's own problem codes (the incident's 404 is the same code as the incidents core's). */
export enum IncidentRegisterErrorCode {
  IncidentNotFound = 'INCIDENT_NOT_FOUND',
}
