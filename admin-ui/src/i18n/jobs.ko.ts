/** 작업 화면 (F6), 한국어. 키는 jobs.en.ts와 같습니다. */
export const jobsKo = {
  jobs: {
    name: '작업',
    title: '백그라운드 작업',
    runs_title: '실행 기록',
    all: '전체',
    by_hand_only: '수동 실행만',
    never: '실행 기록 없음',
    idle: '대기 없음',
    active: '실행 중',
    waiting: '%{n}건 대기',
    took: '%{seconds}초 걸림',
    started_by: '%{name} 님이 실행',
    run_now: '지금 실행',
    run_now_title: '이 작업을 지금 실행할까요?',
    run_now_help:
      '서버 중 한 곳에서 한 번 실행됩니다(동시에 두 번 실행되지 않습니다). 실행 기록과 접속기록에 실행한 사람으로 남습니다.',
    started: '작업을 대기열에 넣었습니다. 아래 실행 기록에 나타납니다.',
    outcomes: { running: '실행 중', succeeded: '성공', failed: '실패' },
    triggers: { schedule: '일정에 따라', manual: '수동', event: '처리할 일이 생겨서' },
    fields: {
      job: '작업',
      schedule: '일정',
      lastRun: '최근 실행',
      nextRunAt: '다음 실행',
      queue: '현재',
      startedAt: '시작',
      outcome: '결과',
      trigger: '실행 방식',
      result: '처리 내용',
      instance: '서버',
    },
  },
  'job-runs': {
    name: '작업 실행',
  },
};
