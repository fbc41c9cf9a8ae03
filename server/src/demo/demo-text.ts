// Vocabulary of the demo data. Everything that reads like counseling content is marked as
// fictional in the text itself ("가상 데모", "Fictional demo"), so nobody mistakes a screenshot
// or a dump of the demo database for a real person's record.

import type { Dice } from './demo-random';

export type DemoLocale = 'ko' | 'en';
export type SensitiveCategory =
  'health' | 'medication' | 'beliefs' | 'political' | 'sexual_life' | 'genetic' | 'criminal' | 'development';

/** Korean surnames with their approximate share of the population (Statistics Korea, 2015). */
export const KOREAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['김', 21.5],
  ['이', 14.7],
  ['박', 8.4],
  ['최', 4.7],
  ['정', 4.3],
  ['강', 2.4],
  ['조', 2.1],
  ['윤', 2.1],
  ['장', 2.0],
  ['임', 1.7],
  ['한', 1.5],
  ['오', 1.5],
  ['서', 1.5],
  ['신', 1.4],
  ['권', 1.4],
  ['황', 1.4],
  ['안', 1.3],
  ['송', 1.3],
  ['류', 1.2],
  ['전', 1.1],
  ['홍', 1.1],
  ['고', 0.9],
  ['문', 0.9],
  ['양', 0.9],
  ['손', 0.9],
  ['배', 0.8],
  ['백', 0.7],
  ['허', 0.6],
  ['유', 0.6],
  ['남', 0.5],
  ['심', 0.5],
  ['노', 0.4],
  ['하', 0.4],
  ['곽', 0.4],
  ['성', 0.4],
  ['차', 0.4],
  ['주', 0.4],
  ['우', 0.4],
  ['구', 0.4],
  ['민', 0.3],
  ['진', 0.3],
  ['나', 0.3],
  ['지', 0.3],
  ['엄', 0.3],
  ['채', 0.3],
  ['원', 0.3],
  ['천', 0.2],
  ['방', 0.2],
  ['공', 0.2],
  ['현', 0.2],
];

/** Province and district pairs for the "residence" field (Shelby, Art. 1). */
export const KOREAN_RESIDENCES = [
  '서울특별시 강남구',
  '서울특별시 송파구',
  '서울특별시 마포구',
  '서울특별시 노원구',
  '서울특별시 관악구',
  '서울특별시 성동구',
  '서울특별시 양천구',
  '서울특별시 은평구',
  '부산광역시 해운대구',
  '부산광역시 수영구',
  '부산광역시 부산진구',
  '대구광역시 수성구',
  '대구광역시 달서구',
  '인천광역시 연수구',
  '인천광역시 부평구',
  '광주광역시 북구',
  '대전광역시 유성구',
  '대전광역시 서구',
  '울산광역시 남구',
  '세종특별자치시 세종시',
  '경기도 성남시',
  '경기도 수원시',
  '경기도 고양시',
  '경기도 용인시',
  '경기도 화성시',
  '경기도 남양주시',
  '경기도 안양시',
  '경기도 파주시',
  '강원특별자치도 춘천시',
  '강원특별자치도 원주시',
  '충청북도 청주시',
  '충청남도 천안시',
  '전북특별자치도 전주시',
  '전라남도 순천시',
  '경상북도 포항시',
  '경상남도 창원시',
  '경상남도 김해시',
  '제주특별자치도 제주시',
] as const;

export const OCCUPATIONS: Record<DemoLocale, readonly string[]> = {
  ko: [
    '회사원',
    '초등학교 교사',
    '간호사',
    '자영업',
    '공무원',
    '프리랜서 디자이너',
    '전업주부',
    '대학원생',
    '소프트웨어 개발자',
    '물리치료사',
    '은행원',
    '마케터',
    '연구원',
    '요리사',
    '회계사',
    '택배 기사',
    '학원 강사',
    '약사',
  ],
  en: [
    'Software engineer',
    'Teacher',
    'Nurse',
    'Graduate student',
    'Product designer',
    'Accountant',
    'Sales manager',
    'Freelance writer',
    'Pharmacist',
    'Project manager',
    'Chef',
    'Stay-at-home parent',
    'Researcher',
    'Marketing specialist',
  ],
};

export const COUNSELOR_TITLES: Record<DemoLocale, readonly string[]> = {
  ko: ['임상심리전문가', '상담심리사 1급', '정신건강임상심리사 1급', '청소년상담사 1급', '놀이치료사', '전문상담교사'],
  en: [
    'Licensed Professional Counselor',
    'Clinical Psychologist',
    'Marriage and Family Therapist',
    'Licensed Clinical Social Worker',
  ],
};

/** Fictional counseling institutions (for institutional counselors). */
export const INSTITUTIONS: Record<DemoLocale, readonly string[]> = {
  ko: [
    '한빛마음상담센터',
    '푸른숲아동발달센터',
    '다온심리상담연구소',
    '새봄가족상담센터',
    '온누리청소년상담실',
    '마음정원심리클리닉',
  ],
  en: ['Harbor Light Counseling Group', 'Northfield Wellness Practice', 'Cedar Lane Therapy Collective'],
};

/** Employers of clients who come through an employee assistance programme. */
export const CLIENT_INSTITUTIONS: Record<DemoLocale, readonly string[]> = {
  ko: ['가온물산 (EAP)', '한결테크 (EAP)', '다솜은행 (EAP)', '누리교육청 (EAP)', '바른건설 (EAP)'],
  en: ['Brightwave Ltd (EAP)', 'Northwind Logistics (EAP)', 'Bluefin Analytics (EAP)'],
};

export const BANKS = [
  'KB국민은행',
  '신한은행',
  '우리은행',
  '하나은행',
  'NH농협은행',
  'IBK기업은행',
  '카카오뱅크',
  '토스뱅크',
];
export const BANKS_EN = ['Chase', 'Bank of America', 'Wells Fargo', 'Citibank'];

export const MAUMJUUI_TOPICS: Record<DemoLocale, readonly string[]> = {
  ko: [
    '불안 및 공황',
    '우울감',
    '직장 내 스트레스',
    '대인관계',
    '부부 갈등',
    '진로 고민',
    '수면 문제',
    '자존감',
    '상실과 애도',
  ],
  en: ['Anxiety', 'Low mood', 'Work stress', 'Relationships', 'Couple conflict', 'Career change', 'Sleep', 'Grief'],
};

export const SHELBY_TOPICS = [
  '분리불안',
  '학습 집중력',
  '또래 관계',
  '언어 발달',
  '형제 갈등',
  '스마트폰 과의존',
  '등교 거부',
  '감정 조절',
  '수면 습관',
  '틱 증상',
] as const;

export const SHELBY_TOPICS_EN = [
  'Separation anxiety',
  'Focus at school',
  'Friendships',
  'Sibling conflict',
  'Screen time',
];

export const GUARDIAN_INTERESTS = [
  '자녀 정서',
  '학습 문제',
  '또래 관계',
  '발달 지연',
  '훈육 방법',
  '사춘기 소통',
] as const;
export const CHILD_CONCERNS = ['정서 문제', '학습 문제', '주의력 문제', '언어 발달', '사회성', '행동 문제'] as const;

export const NICKNAMES = [
  '하늘맘',
  '봄날아빠',
  '콩이엄마',
  '두아이맘',
  '행복한하루',
  '별빛가득',
  '토닥토닥',
  '초보아빠',
  '느린걸음',
  '해바라기',
  '꿈꾸는부모',
  '무지개',
];

export const RELATIONSHIPS_KO = ['모', '부', '조모', '조부', '법정대리인'] as const;

export const DEVICE_MODELS: readonly (readonly [string, string])[] = [
  ['iPhone 15', 'iOS 18.1'],
  ['iPhone 14 Pro', 'iOS 17.6'],
  ['iPhone 13 mini', 'iOS 17.5'],
  ['Galaxy S24', 'Android 14'],
  ['Galaxy S23', 'Android 14'],
  ['Galaxy A54', 'Android 13'],
  ['Galaxy Z Flip5', 'Android 14'],
  ['Pixel 8', 'Android 15'],
  ['iPad Air', 'iPadOS 17.5'],
  ['Chrome on Windows', 'Windows 11'],
  ['Safari on macOS', 'macOS 14.6'],
];

export const CARRIERS: Record<DemoLocale, readonly string[]> = {
  ko: ['SKT', 'KT', 'LG U+', 'SKT 알뜰폰'],
  en: ['Verizon', 'T-Mobile', 'AT&T'],
};

export const US_AREA_CODES = [
  '201',
  '202',
  '206',
  '212',
  '213',
  '303',
  '305',
  '312',
  '404',
  '415',
  '503',
  '512',
  '617',
  '646',
  '702',
  '713',
  '718',
  '808',
  '917',
  '949',
];

export const US_PLACES: readonly (readonly [string, string])[] = [
  ['New York', 'America/New_York'],
  ['Seattle', 'America/Los_Angeles'],
  ['San Francisco', 'America/Los_Angeles'],
  ['Chicago', 'America/Chicago'],
  ['Austin', 'America/Chicago'],
  ['Boston', 'America/New_York'],
  ['Denver', 'America/Denver'],
];

// ---------------------------------------------------------------- counseling text

const NOTE_ISSUES_KO = [
  '최근 2주간 업무 마감 압박으로 잠들기까지 1시간 이상 걸린다고 보고함',
  '가족 모임 이후 며칠간 무기력감이 이어졌다고 말함',
  '팀장과의 면담을 앞두고 가슴 두근거림과 손 떨림을 경험했다고 함',
  '이직 여부를 두고 매일 밤 같은 생각을 반복한다고 호소함',
  '배우자와의 대화가 자주 말다툼으로 끝난다고 보고함',
  '지하철에서 갑자기 숨이 막히는 느낌이 들어 중간에 내린 일이 있었다고 말함',
  '주말 내내 누워서 휴대폰만 보았고 그 뒤 자책감이 들었다고 표현함',
  '친구의 승진 소식 이후 스스로를 비교하는 생각이 늘었다고 말함',
  '반려견을 떠나보낸 뒤 집에 들어가기가 힘들다고 이야기함',
];
const NOTE_OBSERVATIONS_KO = [
  '지난 회기보다 시선 접촉이 늘고 표정이 한결 편안해 보임',
  '해당 장면을 설명할 때 호흡이 빨라지는 모습이 관찰됨',
  '정서 표현은 다소 제한적이나 협조적인 태도를 보임',
  '스스로 달라진 점을 먼저 언급하는 등 변화 동기가 높아 보임',
  '말 속도가 빠르고 주제 전환이 잦았음',
];
const NOTE_INTERVENTIONS_KO = [
  "인지 재구성 연습('한 번 실수하면 끝이다'라는 생각 점검)을 진행함",
  '복식호흡과 5-4-3-2-1 그라운딩 기법을 함께 연습함',
  '지난 일주일의 활동 기록을 살펴보며 즐거움·성취감 점수를 매겨 봄',
  '갈등 장면을 역할극으로 재연하고 나-전달법을 연습함',
  '가치 명료화 작업지로 중요하게 여기는 것 세 가지를 정리함',
];
const NOTE_PLANS_KO = [
  '다음 회기까지 수면 일지를 쓰기로 함',
  '하루 10분 산책을 행동 과제로 합의함',
  '불안 수준(0-10)을 하루 두 번 기록하기로 함',
  '다음 회기에 직장 내 경계 설정을 다루기로 함',
  '2주 뒤 우울 척도를 다시 평가할 예정',
];
const NOTE_HYPOTHESES_KO = [
  '완벽주의적 기준이 성취 중심의 양육 경험과 관련되어 있을 가능성(작업 가설)',
  '회피 패턴이 단기적으로 불안을 낮추며 유지되는 것으로 보임(작업 가설)',
  '상담자에게 인정받으려는 태도가 관계 패턴의 재현일 수 있음(역전이 점검 필요)',
];

const NOTE_ISSUES_EN = [
  'reports taking over an hour to fall asleep during a two-week deadline crunch',
  'describes several days of low energy after a family gathering',
  'felt a racing heart and shaky hands before a review meeting with a manager',
  'says the same thoughts about changing jobs come back every night',
  'reports that conversations with their partner often end in arguments',
  'had to get off a train after a sudden feeling of not being able to breathe',
  'spent most of the weekend in bed scrolling and felt guilty afterwards',
  'notices more comparing since a friend announced a promotion',
];
const NOTE_OBSERVATIONS_EN = [
  'more eye contact and a more relaxed posture than last session',
  'breathing quickened while describing the situation',
  'guarded affect but cooperative throughout',
  'brought up their own progress first; motivation seems high',
  'spoke quickly and changed topics often',
];
const NOTE_INTERVENTIONS_EN = [
  "practised cognitive restructuring on the thought 'one mistake and it's over'",
  'rehearsed diaphragmatic breathing and 5-4-3-2-1 grounding together',
  "rated last week's activities for enjoyment and mastery",
  'role-played the argument and practised I-statements',
  'used a values worksheet to name three things that matter most',
];
const NOTE_PLANS_EN = [
  'homework: keep a sleep diary until next session',
  'agreed on a ten-minute daily walk',
  'will rate anxiety (0-10) twice a day',
  'next session: boundaries at work',
  'repeat the mood questionnaire in two weeks',
];
const NOTE_HYPOTHESES_EN = [
  'perfectionistic standards may relate to achievement-focused parenting (working hypothesis)',
  'avoidance seems to be maintained by short-term relief of anxiety (working hypothesis)',
  'seeking approval from the counselor may mirror a wider relational pattern (check countertransference)',
];

/** A session note: an obviously fictional, real-ish progress note. */
export function sessionNote(dice: Dice, locale: DemoLocale, session: number, psychotherapy: boolean): string {
  if (locale === 'ko') {
    const text =
      `[가상 데모 기록 · 실존 인물 아님] ${session}회기. 내담자는 ${dice.pick(NOTE_ISSUES_KO)}. ` +
      `${dice.pick(NOTE_OBSERVATIONS_KO)}. ${dice.pick(NOTE_INTERVENTIONS_KO)}. ${dice.pick(NOTE_PLANS_KO)}.`;
    return psychotherapy ? `${text} 상담자 개인 메모: ${dice.pick(NOTE_HYPOTHESES_KO)}.` : text;
  }
  const text =
    `[Fictional demo record, not a real person] Session ${session}. Client ${dice.pick(NOTE_ISSUES_EN)}. ` +
    `Observed: ${dice.pick(NOTE_OBSERVATIONS_EN)}. We ${dice.pick(NOTE_INTERVENTIONS_EN)}. Plan: ${dice.pick(NOTE_PLANS_EN)}.`;
  return psychotherapy ? `${text} Process note: ${dice.pick(NOTE_HYPOTHESES_EN)}.` : text;
}

const RESULT_FINDINGS_KO = [
  '수업 시간에 자리에서 자주 일어나고 과제를 끝까지 마치기 어려워한다고 보고함',
  '등원 전마다 배가 아프다고 하며 울음을 보인다고 함',
  '친구와 놀다가 규칙이 바뀌면 크게 화를 낸다고 설명함',
  '동생이 태어난 뒤 잠들기 전 보호자를 찾는 일이 잦아졌다고 함',
  '하루 4시간 이상 영상을 보며 중단하면 짜증을 낸다고 보고함',
];
const OPINIONS_KO = [
  '연령에 비해 주의 지속 시간이 다소 짧으나 환경 조정으로 개선 여지가 큼',
  '분리 상황에서의 불안 반응이 관찰되나 발달 범위 안에 있는 것으로 보임',
  '감정 어휘가 부족하여 좌절을 행동으로 표현하는 경향이 있음',
  '수면 리듬이 불규칙하여 낮 동안의 예민함에 영향을 주는 것으로 보임',
];
const RECOMMENDATIONS_KO = [
  '하루 20분 보호자와 함께하는 놀이 시간 확보',
  '과제를 10분 단위로 나누고 완료 시 칭찬하기',
  '등원 전 예측 가능한 작별 인사 절차 만들기',
  '감정 카드로 하루 한 번 기분 이름 붙이기',
  '취침 1시간 전 화면 끄기',
  '4주 뒤 추적 상담 권장',
];
const RESULT_FINDINGS_EN = [
  'reports the child often leaves their seat in class and struggles to finish tasks',
  'says the child complains of stomach aches and cries before school',
  'describes big outbursts when the rules of a game change',
];
const OPINIONS_EN = [
  'attention span is somewhat short for the age, with good room for improvement through routines',
  'separation anxiety is present but within the developmental range',
];
const RECOMMENDATIONS_EN = [
  'twenty minutes of child-led play with a parent each day',
  'split homework into ten-minute blocks and praise completion',
  'a predictable goodbye routine at drop-off',
  'follow-up session in four weeks',
];

/** A Shelby 상담 결과지: session date and what was discussed. */
export function counselingResult(
  dice: Dice,
  locale: DemoLocale,
  when: string,
  mode: 'voice' | 'video',
  topic: string,
  childAge: number,
): string {
  if (locale === 'ko') {
    return (
      `[가상 데모 결과지 · 실존 인물 아님] ${when} ${mode === 'video' ? '영상' : '음성'} 상담(50분). 주제: ${topic}. ` +
      `보호자는 ${childAge}세 자녀가 ${dice.pick(RESULT_FINDINGS_KO)}. 가정에서의 관찰 방법과 대응 원칙을 함께 정리함.`
    );
  }
  return (
    `[Fictional demo result, not a real person] ${when}, ${mode} session (50 min). Topic: ${topic}. ` +
    `The parent ${dice.pick(RESULT_FINDINGS_EN)} (child aged ${childAge}). We agreed how to observe this at home.`
  );
}

export function expertOpinion(dice: Dice, locale: DemoLocale): { opinion: string; recommendations: string } {
  if (locale === 'ko') {
    return {
      opinion: `[가상 데모 소견] ${dice.pick(OPINIONS_KO)}.`,
      recommendations: dice.sample(RECOMMENDATIONS_KO, 3).join(' / '),
    };
  }
  return {
    opinion: `[Fictional demo opinion] ${dice.pick(OPINIONS_EN)}.`,
    recommendations: dice.sample(RECOMMENDATIONS_EN, 2).join(' / '),
  };
}

/** Results of an adult (MaumJuui) course of counseling. */
export function adultResult(locale: DemoLocale, sessions: number, topic: string): string {
  return locale === 'ko'
    ? `[가상 데모 결과 요약 · 실존 인물 아님] 총 ${sessions}회기. 초기 호소(${topic})와 관련된 일상 기능이 회복됨. 재발 시 조기에 연락하도록 안내함.`
    : `[Fictional demo summary, not a real person] ${sessions} sessions about ${topic.toLowerCase()}. Daily functioning improved; the client knows to get in touch early if symptoms return.`;
}

const SENSITIVE_KO: Record<SensitiveCategory, readonly string[]> = {
  health: [
    '[가상] 공황장애 진단 이력 있음, 현재 외래 치료 중',
    '[가상] 갑상선 기능 저하증으로 치료 중',
    '[가상] 편두통 잦음(월 4-5회)',
  ],
  medication: [
    '[가상] 에스시탈로프람 10mg 복용 중',
    '[가상] 수면유도제 필요 시 복용',
    '[가상] 항불안제 복용 후 중단(6개월 전)',
  ],
  beliefs: ['[가상] 종교 활동이 일상의 중요한 지지 자원이라고 밝힘'],
  political: ['[가상] 직장 내 정치적 견해 차이로 인한 갈등을 언급함'],
  sexual_life: ['[가상] 성적 지향과 관련된 가족과의 갈등을 상담 주제로 원함'],
  genetic: ['[가상] 가족력: 조기 치매(유전자 검사는 받지 않음)'],
  criminal: ['[가상] 과거 음주운전 벌금형 이력(본인 진술)'],
  development: [
    '[가상] ADHD 선별검사 시행, 경계선 수준',
    '[가상] 언어발달 검사 시행, 표현언어 6개월 지연',
    '[가상] 정서행동 특성검사 미시행',
    '[가상] 감각 처리 평가 예정',
  ],
};
const SENSITIVE_EN: Record<SensitiveCategory, readonly string[]> = {
  health: ['[Fictional] history of panic disorder, in outpatient treatment', '[Fictional] frequent migraines'],
  medication: ['[Fictional] takes escitalopram 10 mg daily', '[Fictional] sleep aid as needed'],
  beliefs: ['[Fictional] faith community is an important source of support'],
  political: ['[Fictional] mentions conflict at work over political views'],
  sexual_life: ['[Fictional] wants to discuss family conflict about their sexual orientation'],
  genetic: ['[Fictional] family history of early-onset dementia (no genetic test)'],
  criminal: ['[Fictional] past conviction for a driving offence (self-reported)'],
  development: ['[Fictional] ADHD screening done, borderline score', '[Fictional] speech assessment pending'],
};

export function sensitiveText(dice: Dice, locale: DemoLocale, category: SensitiveCategory): string {
  return dice.pick((locale === 'ko' ? SENSITIVE_KO : SENSITIVE_EN)[category]);
}

const REVIEWS_KO = [
  '선생님이 아이 입장에서 차근차근 설명해 주셔서 도움이 많이 됐어요.',
  '집에서 바로 해볼 수 있는 방법을 알려 주셔서 좋았습니다.',
  '처음이라 긴장했는데 편하게 이야기할 수 있었어요.',
  '시간이 조금 짧게 느껴졌지만 만족합니다.',
  '결과지가 자세해서 남편과 함께 읽어 봤어요.',
  '연결이 몇 번 끊겨서 아쉬웠어요.',
  '아이가 다음 상담도 기다리고 있어요.',
];
const REVIEWS_EN = [
  'Clear, practical advice we could use the same evening.',
  'I felt listened to. Booking was easy.',
  'A bit short, but very helpful.',
  'The video kept freezing, otherwise good.',
];

export function reviewText(dice: Dice, locale: DemoLocale, rating: number): string | null {
  if (dice.chance(0.15)) return null;
  const pool = locale === 'ko' ? REVIEWS_KO : REVIEWS_EN;
  const text = dice.pick(pool);
  return rating <= 2 ? (locale === 'ko' ? '기대와 달랐어요. ' : 'Not what I expected. ') + text : text;
}
