/** The open-incidents card on the security and DPO home screens (F8), English. Keys mirror incidentDashboard.ko.ts. */
export const incidentDashboardEn = {
  incidents: {
    title: 'Open incidents',
    open: '%{smart_count}',
    nearest: 'Nearest notification clocks',
    no_clocks: 'No notification clock is running.',
    overdue: 'Overdue by %{hours} h',
    due_soon: '%{hours} h left',
    on_time: '%{hours} h left',
    board: 'Incident board',
    codes: {
      kr_subjects: 'KR notice to people',
      kr_regulator: 'KR report to PIPC/KISA',
      eu_authority: 'EU supervisory authority',
      eu_subjects: 'EU notice to people',
      us_individuals: 'US notice to individuals',
      us_hhs: 'US report to HHS',
      us_media: 'US notice to the media',
      us_hhs_yearly_log: 'US HHS yearly log',
    },
  },
};
