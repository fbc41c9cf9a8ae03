/** The Jobs screen (F6), English. Keys mirror jobs.ko.ts. */
export const jobsEn = {
  jobs: {
    name: 'Job |||| Jobs',
    title: 'Background jobs',
    runs_title: 'Runs',
    all: 'All',
    by_hand_only: 'Only when started by hand',
    never: 'Never run',
    idle: 'Idle',
    active: 'Running',
    waiting: '%{n} waiting',
    took: 'took %{seconds} s',
    started_by: 'Started by %{name}',
    run_now: 'Run now',
    run_now_title: 'Run this job now?',
    run_now_help:
      'It runs once, on one of the servers, as soon as one is free (never twice at once). Your name goes into the run and the access log.',
    started: 'The job is queued; its run appears below.',
    outcomes: { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' },
    triggers: { schedule: 'On schedule', manual: 'By hand', event: 'When work arrived' },
    fields: {
      job: 'Job',
      schedule: 'Schedule',
      lastRun: 'Last run',
      nextRunAt: 'Next run',
      queue: 'Now',
      startedAt: 'Started',
      outcome: 'Outcome',
      trigger: 'Started how',
      result: 'Result',
      instance: 'Server',
    },
  },
  'job-runs': {
    name: 'Job run |||| Job runs',
  },
};
