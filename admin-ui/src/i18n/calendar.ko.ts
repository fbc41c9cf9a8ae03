import type { calendarEn } from './calendar.en';

/** 공휴일 달력 (F6), 한국어. */
export const calendarKo: typeof calendarEn = {
  'calendar/holidays': {
    name: '공휴일 |||| 공휴일',
    title: '공휴일',
    create_title: '공휴일 추가',
    edit_title: '공휴일 수정',
    show_title: '공휴일',
    intro:
      '기한을 영업일로 셀 때 제외하는 날입니다. date-holidays 라이브러리에서 가져왔으며, 대체공휴일과 임시공휴일은 개인정보 보호책임자가 여기에서 추가합니다. 날짜 기준 시간대: %{timeZone}.',
    all: '전체',
    reason_help: '변경 사유를 적어 주세요. 이력과 접속기록에 남습니다.',
    history: '변경 이력',
    version: '버전 %{version}',
    end: '공휴일 종료',
    end_title: '이 공휴일을 종료할까요?',
    end_help:
      '종료한 공휴일은 더 이상 계산에 들어가지 않습니다. 이후 계산하는 기한은 이 날을 영업일로 봅니다. 기록과 이력은 그대로 남습니다.',
    ended: '공휴일을 종료했습니다.',
    fields: {
      date: '날짜',
      name: '이름',
      nameKo: '이름 (한국어)',
      nameEn: '이름 (영어)',
      kind: '종류',
      jurisdiction: '관할',
      status: '상태',
      year: '연도',
      q: '검색',
      reason: '사유',
    },
    jurisdictions: { KR: '대한민국', 'US-CA': '미국 캘리포니아주' },
    kinds: { public: '법정공휴일', substitute: '대체공휴일', temporary: '임시공휴일' },
    statuses: { active: '적용 중', ended: '종료됨' },
    sources: { library: '라이브러리', manual: '직접 추가' },
    operations: { seed: '초기 등록', create: '추가', update: '수정', end: '종료' },
    problems: {
      VERSION_CONFLICT:
        '이 공휴일을 연 뒤에 다른 사람이 저장했습니다. 저장하지 않았습니다. 새로 고쳐 최신 버전을 확인한 뒤 다시 수정하세요.',
      HOLIDAY_EXISTS: '그 날짜에 같은 공휴일이 이미 있습니다.',
      HOLIDAY_ENDED: '종료된 공휴일은 수정할 수 없습니다. 새로 추가하세요.',
    },
  },
};
