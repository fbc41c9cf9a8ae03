/** The holiday calendars (F6), English. Keys mirror calendar.ko.ts. */
export const calendarEn = {
  'calendar/holidays': {
    name: 'Holiday |||| Holidays',
    title: 'Holidays',
    create_title: 'Add a holiday',
    edit_title: 'Edit holiday',
    show_title: 'Holiday',
    intro:
      'Days that do not count as business days when a deadline counts them. Seeded from the date-holidays library; substitute and temporary holidays are added here by the DPO. Dates are in %{timeZone}.',
    all: 'All',
    reason_help: 'Why you make this change; kept in the history and the access log.',
    history: 'History',
    version: 'Version %{version}',
    end: 'End holiday',
    end_title: 'End this holiday?',
    end_help:
      'An ended holiday no longer counts: deadlines computed from now on treat the day as a business day. It stays here with its history.',
    ended: 'The holiday has ended.',
    fields: {
      date: 'Date',
      name: 'Name',
      nameKo: 'Name (Korean)',
      nameEn: 'Name (English)',
      kind: 'Kind',
      jurisdiction: 'Jurisdiction',
      status: 'Status',
      year: 'Year',
      q: 'Search',
      reason: 'Reason',
    },
    jurisdictions: { KR: 'Korea', 'US-CA': 'California (US)' },
    kinds: { public: 'Public holiday', substitute: 'Substitute holiday', temporary: 'Temporary holiday' },
    statuses: { active: 'In force', ended: 'Ended' },
    sources: { library: 'from the library', manual: 'added by hand' },
    operations: { seed: 'Seeded', create: 'Added', update: 'Edited', end: 'Ended' },
    problems: {
      VERSION_CONFLICT:
        'Someone saved this holiday after you opened it. Nothing was saved; reload to see their version, then edit again.',
      HOLIDAY_EXISTS: 'This holiday is already on the calendar for that day.',
      HOLIDAY_ENDED: 'This holiday has ended and can no longer be edited; add a new one instead.',
    },
  },
};
