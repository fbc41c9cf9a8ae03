import type { ContractTerms, LocalizedText } from '../register-types';
import type { RegisterProfile } from './register-document';

const ALL_TERMS: ContractTerms = {
  purposeLimit: true,
  safeguards: true,
  scope: true,
  reentrustmentLimits: true,
  accessLimits: true,
  supervision: true,
  liability: true,
};

const CONTROLLER = '셸비 (Shelby) — wjd04@kookmin.ac.kr';
const DPO = '정현주 (CTO), 개인정보보호책임자 — wjd04@kookmin.ac.kr, 010-9930-2982';
const SECURITY: LocalizedText = {
  ko: '암호화 저장, 접근통제, SSL 보안, 침입차단시스템, 접근권한 최소화, 내부 보안교육, 정기 점검 (제12조)',
  en: 'Encrypted storage, access control, SSL, intrusion prevention, least privilege, staff security training, regular checks (Art. 12)',
};
const GUARDIANS = {
  ko: '1) 부모/보호자 회원가입 및 서비스 이용',
  en: '1) Parent/guardian sign-up and use of the service',
};
const CHILDREN = { ko: '2) 자녀 정보 (민감정보 제외)', en: '2) Child information (excluding sensitive data)' };
const COUNSELING = { ko: '3) 상담 이용 과정', en: '3) Using counseling' };
const REQUIRED = { ko: '필수', en: 'Required' };
const UNTIL_WITHDRAWAL_OR_3Y = {
  kind: 'either' as const,
  options: [{ kind: 'until_withdrawal' as const }, { kind: 'duration' as const, period: 'P3Y' }],
  text: {
    ko: '회원 탈퇴 시까지 또는 3년간 보관 후 파기',
    en: 'Until withdrawal, or kept for 3 years and then destroyed',
  },
};
const STATUTORY_5Y = {
  kind: 'statutory' as const,
  period: 'P5Y',
  law: '전자상거래법 시행령 제6조',
  text: { ko: '5년 (법령 기준)', en: '5 years (by law)' },
};

/**
 * Shelby's privacy policy (published/shelby-privacy-policy-ko.md): the collection tables of
 * 제1조, the third-party table of 제7조 and the entrustment table of 제8조, in its own words; the
 * English is our translation. Its 제5조 (records kept by statute) comes from the retention rules
 * the `shelby` layout names (policy-layouts.ts); it has no transfer table.
 */
export const SHELBY_PROFILE: RegisterProfile = {
  code: 'shelby',
  name: { ko: '셸비', en: 'Shelby' },
  description: {
    ko: '셸비 개인정보 처리방침의 수집 항목(제1조), 법령에 따른 보존 기록(제5조), 제3자 제공(제7조), 위탁(제8조)',
    en: "The collection (Art. 1), records kept by law (Art. 5), third-party provision (Art. 7) and entrustment (Art. 8) sections of Shelby's privacy policy",
  },
  document: {
    policy: { code: 'shelby', name: { ko: '셸비 개인정보 처리방침', en: 'Shelby Privacy Policy' }, layout: 'shelby' },
    processors: [
      {
        key: 'aws',
        recipient: { ko: 'Amazon Web Services', en: 'Amazon Web Services' },
        task: { ko: '데이터 저장 및 서버 운영', en: 'Data storage and server operation' },
        items: { ko: '서비스 이용 과정에서 수집된 모든 정보', en: 'All information collected while using the service' },
        protectionMeasures: { ko: '저장 암호화, 접근통제', en: 'Encryption at rest, access control' },
        retention: { kind: 'until_contract_end', text: { ko: '위탁 종료 시까지', en: 'Until the entrustment ends' } },
        country: 'KR',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-10-01',
        dpaExpiresOn: '2027-09-30',
        lastInspectionOn: '2025-10-15',
        nextInspectionDue: '2026-12-31',
        status: 'active',
      },
      {
        key: 'video',
        recipient: { ko: '화상상담 솔루션 업체', en: 'Video counseling provider' },
        task: { ko: '실시간 상담 플랫폼 제공', en: 'Real-time counseling platform' },
        items: { ko: '상담 영상·음성, 참여자 이름', en: 'Counseling video and audio, participant names' },
        protectionMeasures: { ko: '종단 간 암호화, 녹화 비활성화', en: 'End-to-end encryption, recording disabled' },
        retention: { kind: 'duration', period: 'P30D', after: 'counseling_end' },
        country: 'KR',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-10-01',
        dpaExpiresOn: '2027-09-30',
        lastInspectionOn: '2025-06-30',
        nextInspectionDue: '2026-06-30',
        status: 'active',
      },
      {
        key: 'notifications',
        recipient: { ko: '알림 발송업체(SMS/이메일)', en: 'Notification sender (SMS/email)' },
        task: { ko: '상담 알림 및 공지 발송', en: 'Counseling reminders and notices' },
        items: { ko: '이름, 전화번호, 이메일', en: 'Name, phone number, email' },
        protectionMeasures: { ko: '전송 구간 암호화', en: 'Encryption in transit' },
        retention: { kind: 'immediate', after: 'delivery' },
        country: 'KR',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-10-01',
        dpaExpiresOn: '2027-09-30',
        lastInspectionOn: '2025-10-15',
        nextInspectionDue: '2026-12-31',
        status: 'active',
      },
      {
        key: 'pg',
        recipient: { ko: '전자결제대행사(PG)', en: 'Payment gateway (PG)' },
        task: { ko: '결제 처리 및 환불', en: 'Payment processing and refunds' },
        items: { ko: '결제정보, 거래내역', en: 'Payment details, transaction history' },
        protectionMeasures: { ko: 'PCI DSS 준수', en: 'PCI DSS compliance' },
        retention: STATUTORY_5Y,
        country: 'KR',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-10-01',
        dpaExpiresOn: '2027-09-30',
        lastInspectionOn: '2025-10-15',
        nextInspectionDue: '2026-12-31',
        status: 'active',
      },
    ],
    provisions: [
      {
        key: 'experts',
        recipient: { ko: '상담 전문가', en: 'Counseling experts' },
        purpose: { ko: '맞춤형 상담 진행', en: 'Personalised counseling' },
        items: {
          ko: '부모 및 자녀 기본정보, 상담 요청 내용',
          en: "Parent's and child's basic information, what the counseling request says",
        },
        retention: { kind: 'duration', period: 'P1Y', after: 'counseling_end' },
        legalBasis: 'consent',
        refusal: {
          ko: '제공에 동의하지 않을 수 있으며, 거부 시 전문가 상담을 이용할 수 없습니다.',
          en: 'You may refuse; without it, counseling with an expert cannot take place.',
        },
        status: 'active',
      },
      {
        key: 'pg',
        recipient: { ko: '전자결제대행사(PG)', en: 'Payment gateway (PG)' },
        purpose: { ko: '결제 및 환불 처리', en: 'Payments and refunds' },
        items: { ko: '결제정보, 거래내역', en: 'Payment details, transaction history' },
        retention: STATUTORY_5Y,
        legalBasis: 'consent',
        refusal: {
          ko: '제공에 동의하지 않을 수 있으며, 거부 시 유료 상담을 결제할 수 없습니다.',
          en: 'You may refuse; without it, paid counseling cannot be paid for.',
        },
        status: 'active',
      },
    ],
    activities: [
      {
        section: GUARDIANS,
        name: REQUIRED,
        items: {
          ko: '이름, 연락처, 이메일, 전화번호, 비밀번호, 자녀와의 관계, 거주지, 직업, 상담 관심사',
          en: 'Name, contact details, email, phone number, password, relationship to the child, place of residence, occupation, counseling interests',
        },
        purpose: {
          ko: '회원 식별, 본인 인증, 맞춤 상담 제공, 알림 발송, 긴급상황 시 직접 통화 연결',
          en: 'Identifying members, verifying identity, personalised counseling, notifications, calling directly in an emergency',
        },
        legalBasis: 'contract',
        subjectCategories: ['guardians', 'members'],
        dataCategories: ['identity', 'contact', 'account', 'demographic'],
        processorKeys: ['aws', 'notifications'],
        retentionRuleCode: 'membership',
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        section: GUARDIANS,
        name: { ko: '선택', en: 'Optional' },
        items: { ko: '닉네임, 추천인 코드', en: 'Nickname, referral code' },
        purpose: { ko: '커뮤니티 활동, 이벤트 운영', en: 'Community activity, running events' },
        legalBasis: 'consent',
        subjectCategories: ['guardians', 'members'],
        dataCategories: ['account'],
        processorKeys: ['aws'],
        retentionRuleCode: 'membership',
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        section: CHILDREN,
        name: REQUIRED,
        items: {
          ko: '생년월일, 성별, 검사 시행 여부, 학습/정서 문제 유형',
          en: 'Date of birth, gender, whether tested, type of learning/emotional difficulty',
        },
        purpose: {
          ko: '상담 대상자 식별, 연령별 맞춤 상담 제공',
          en: 'Identifying who is counseled, counseling suited to their age',
        },
        legalBasis: 'contract',
        subjectCategories: ['children'],
        dataCategories: ['demographic', 'counseling'],
        processorKeys: ['aws'],
        provisionKeys: ['experts'],
        retention: {
          kind: 'either',
          options: [{ kind: 'until_withdrawal' }, { kind: 'statutory', period: 'P5Y', law: '관련 법령' }],
          text: { ko: '탈퇴 시 또는 법령상 보존기간', en: 'Until withdrawal, or the period the law requires' },
        },
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        section: COUNSELING,
        name: { ko: '상담 예약', en: 'Booking counseling' },
        items: {
          ko: '[필수] 상담 날짜 및 시간, 상담 방식(음성/영상), 상담 희망 분야, 아이 성별 및 나이, 기타 사항',
          en: "[Required] Counseling date and time, format (voice/video), area of interest, child's gender and age, other notes",
        },
        purpose: { ko: '전문가 매칭, 상담 일정 관리', en: 'Matching an expert, managing the schedule' },
        legalBasis: 'contract',
        subjectCategories: ['guardians', 'children'],
        dataCategories: ['counseling', 'demographic'],
        processorKeys: ['aws', 'notifications'],
        provisionKeys: ['experts'],
        retention: UNTIL_WITHDRAWAL_OR_3Y,
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        section: COUNSELING,
        name: { ko: '상담 진행', en: 'Counseling sessions' },
        items: {
          ko: '[필수] 상담 결과지(상담일시 및 내용), 전문가 소견·권고사항',
          en: "[Required] Counseling report (date, time and content), the expert's opinion and recommendations",
        },
        purpose: { ko: '상담 연속성 보장, 서비스 품질 개선', en: 'Continuity of counseling, improving the service' },
        legalBasis: 'consent',
        // Findings about a child's health and development are sensitive data (PIPA Art. 23; policy 제3조).
        art9Condition: 'a_explicit_consent',
        subjectCategories: ['guardians', 'children'],
        dataCategories: ['counseling', 'health'],
        processorKeys: ['aws', 'video'],
        provisionKeys: ['experts'],
        retentionRuleCode: 'counseling_results',
        retention: {
          kind: 'duration',
          period: 'P3Y',
          after: 'counseling_end',
          text: { ko: '상담 종료 후 3년간 보관 후 파기' },
        },
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        section: COUNSELING,
        name: { ko: '상담 평가', en: 'Counseling reviews' },
        items: { ko: '[필수] 상담 만족도 및 후기', en: '[Required] Satisfaction rating and review' },
        purpose: { ko: '서비스 품질 개선, 전문가 관리', en: 'Improving the service, managing experts' },
        legalBasis: 'legitimate_interests',
        subjectCategories: ['guardians'],
        dataCategories: ['counseling'],
        processorKeys: ['aws'],
        retention: UNTIL_WITHDRAWAL_OR_3Y,
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
    ],
  },
};
