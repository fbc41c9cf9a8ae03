/** Domain error codes of the dashboards. */
export enum DashboardErrorCode {
  NotYourDashboard = 'DASHBOARD_NOT_YOURS',
}
