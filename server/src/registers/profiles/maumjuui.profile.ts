import type { ContractTerms } from '../register-types';
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

const CONTROLLER = 'MaumJuui, Inc. (Seoul, Korea) — support@mindism.care';
const DPO = 'Sungwon Lee, Data Protection Team — support@mindism.care';
const SECURITY = {
  ko: 'AES-256 저장 암호화, TLS 1.2 이상 전송 암호화, OAuth 2.0 연동, 역할 기반 접근통제, 관리자 MFA, 연 1회 보안 교육 (제8조)',
  en: 'AES-256 at rest, TLS 1.2+ in transit, OAuth 2.0 integrations, role-based access control, MFA for administrators, annual security training (Section 8)',
};
const REFUSE_TRANSFER = {
  ko: '개인정보 보호책임자(support@mindism.care)에게 요청하여 거부할 수 있으며, 거부 시 해당 기능을 이용할 수 없습니다.',
  en: 'Ask the DPO (support@mindism.care); without the transfer the feature cannot be provided.',
};
const SECURE_NETWORK_USE = {
  ko: '서비스 이용 중 보안 네트워크를 통해 수시 전송',
  en: 'Transferred frequently via secure network during service use.',
};

/**
 * MaumJuui's global privacy policy (published/maumjuui-global-privacy-policy.txt, plain text
 * exactly as published; published/maumjuui-privacy-policy-en.md renders its tables in Markdown):
 * its collection table (section 1.A), entrustment table (section 3) and international transfer
 * table (section 4), in its own words; the Korean is our translation. It has no third-party
 * provision table and no list of records kept by statute (the `maumjuui` layout).
 */
export const MAUMJUUI_PROFILE: RegisterProfile = {
  code: 'maumjuui',
  name: { ko: '마음주의 (글로벌)', en: 'MaumJuui (Global)' },
  description: {
    ko: '마음주의 글로벌 개인정보 처리방침의 수집 항목, 위탁, 국외 이전 표',
    en: "The collection, outsourcing and international transfer tables of MaumJuui's global privacy policy",
  },
  document: {
    policy: {
      code: 'maumjuui',
      name: { ko: '마음주의 개인정보 처리방침 (글로벌)', en: 'MaumJuui Privacy Policy (Global)' },
      layout: 'maumjuui',
    },
    processors: [
      {
        key: 'cloud',
        recipient: { ko: 'AWS / GCP / 네이버 클라우드', en: 'AWS / GCP / Naver Cloud' },
        task: { ko: '데이터 저장, 시스템 운영 및 관리', en: 'Data Storage, System Operation & Management' },
        protectionMeasures: {
          ko: '안전한 시스템 운영, 암호화 (제8조 참조).',
          en: 'Secure system operation, encryption (as detailed in Section 8).',
        },
        items: {
          ko: '수집된 모든 이용 데이터, 로그, 세션 내용, 상담 기록 (암호화).',
          en: 'All collected usage data, logs, session content, counseling records (encrypted).',
        },
        retention: { kind: 'until_contract_end' },
        country: null,
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-02-01',
        dpaExpiresOn: '2028-01-31',
        lastInspectionOn: '2026-02-15',
        nextInspectionDue: '2027-02-15',
        status: 'active',
      },
      {
        key: 'google-calendar',
        recipient: { ko: 'Google 캘린더', en: 'Google Calendar' },
        task: { ko: '캘린더 동기화 및 일정 관리', en: 'Calendar Sync & Scheduling' },
        protectionMeasures: {
          ko: 'Google 보안 및 개인정보 보호 기준 준수.',
          en: "Complies with Google's Security & Privacy standards.",
        },
        items: {
          ko: '일정 제목, 시간, 메모, 참석자, 계정 이메일.',
          en: 'Schedule Title, Time, Notes, Participants, Account Email.',
        },
        retention: { kind: 'duration', period: 'P5Y' },
        country: 'US',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-02-01',
        dpaExpiresOn: '2028-01-31',
        lastInspectionOn: '2026-02-15',
        nextInspectionDue: '2027-02-15',
        status: 'active',
      },
      {
        key: 'zoom',
        recipient: { ko: 'Zoom Communications Inc. (API)', en: 'Zoom Communications Inc. (API)' },
        task: { ko: '회의 생성 및 연결 관리', en: 'Meeting Generation and Connection Management' },
        protectionMeasures: { ko: 'Zoom 개발자 이용약관 준수.', en: 'Complies with Zoom Developer Terms of Use.' },
        items: {
          ko: '이용자/상담사 이름, 이메일 주소, 회의 생성 메타데이터.',
          en: 'User/Counselor Name, Email Address, Meeting Creation Metadata.',
        },
        retention: { kind: 'until_purpose' },
        country: 'US',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2025-02-01',
        dpaExpiresOn: '2028-01-31',
        lastInspectionOn: '2026-02-15',
        nextInspectionDue: '2027-02-15',
        status: 'active',
      },
      {
        key: 'payment-gateways',
        recipient: { ko: '결제대행사', en: 'Payment Gateways' },
        task: { ko: '결제 처리', en: 'Payment Processing' },
        protectionMeasures: { ko: 'PCI DSS 준수, 높은 수준의 보안.', en: 'PCI DSS Compliance, high-level security.' },
        items: {
          ko: '이름, 전화번호, 이메일, 신용카드/금융계좌 정보.',
          en: 'Name, Phone, Email, Credit Card/Financial Account Info.',
        },
        retention: { kind: 'statutory', period: 'P5Y', law: '전자상거래법 시행령 제6조' },
        country: 'KR',
        contractTerms: ALL_TERMS,
        dpaSignedOn: '2024-12-16',
        dpaExpiresOn: '2026-12-15',
        lastInspectionOn: '2025-12-01',
        nextInspectionDue: '2026-12-01',
        status: 'active',
      },
    ],
    transfers: [
      {
        key: 'cloud',
        recipient: {
          ko: 'Amazon Web Services Inc. / Google Cloud Platform',
          en: 'Amazon Web Services Inc. / Google Cloud Platform',
        },
        country: 'US',
        items: {
          ko: '서비스 제공 과정에서 수집된 모든 정보 (PHR/PHI 포함)',
          en: 'All information collected during service provision (including PHR/PHI)',
        },
        purpose: {
          ko: '데이터 저장 및 시스템 운영 (Zoom/캘린더 데이터 포함)',
          en: 'Data storage and system operation (including Zoom/Calendar data)',
        },
        retention: { kind: 'until_purpose', text: { ko: '목적 달성 시까지', en: 'Until purpose achievement' } },
        timingMethod: SECURE_NETWORK_USE,
        pipaBasis: 'contract_disclosure',
        gdprMechanism: 'scc',
        refusal: REFUSE_TRANSFER,
        suspended: false,
        inUse: true,
      },
      {
        key: 'google-calendar',
        recipient: { ko: 'Google 캘린더', en: 'Google Calendar' },
        country: 'US',
        items: {
          ko: '일정 제목, 시간, 메모, 참석자 정보, 계정 이메일',
          en: 'Schedule Title, Time, Notes, Participant Info, Account Email',
        },
        purpose: {
          ko: '캘린더 동기화 및 일정 관리 (회의 생성 데이터)',
          en: 'Calendar sync and scheduling (Meeting creation data)',
        },
        retention: {
          kind: 'duration',
          period: 'P5Y',
          text: { ko: '최대 5년 보관 후 완전 파기', en: 'Up to 5 years, then fully destroyed' },
        },
        timingMethod: SECURE_NETWORK_USE,
        pipaBasis: 'contract_disclosure',
        gdprMechanism: 'scc',
        refusal: REFUSE_TRANSFER,
        suspended: false,
        inUse: true,
      },
      {
        key: 'zoom',
        recipient: { ko: 'Zoom Communications Inc. (API)', en: 'Zoom Communications Inc. (API)' },
        country: 'US',
        items: {
          ko: '회의 생성 메타데이터 (이용자/상담사 이름, 이메일 주소)',
          en: 'Meeting Creation Metadata (User/Counselor Name, Email Address)',
        },
        purpose: {
          ko: '상담 예약 및 보안 상담 링크 대리 생성',
          en: 'Meeting reservation and proxy creation of secure consultation links',
        },
        retention: {
          kind: 'until_purpose',
          text: { ko: '서비스 목적 달성 시까지', en: 'Until service purpose achieved' },
        },
        timingMethod: {
          ko: '예약 과정에서 보안 네트워크를 통해 수시 전송',
          en: 'Transferred frequently via secure network during reservation process.',
        },
        pipaBasis: 'contract_disclosure',
        gdprMechanism: 'scc',
        refusal: REFUSE_TRANSFER,
        suspended: false,
        inUse: true,
      },
    ],
    activities: [
      {
        name: { ko: '공통 회원가입', en: 'Common Registration' },
        items: {
          ko: '이름, 생년월일, 성별, 휴대전화번호, 이메일 주소, 소속 기관 (해당 시)',
          en: 'Full Name, Date of Birth, Gender, Mobile Phone Number, Email Address, Affiliated Institution (if applicable)',
        },
        purpose: { ko: '이용자 식별 및 핵심 서비스 제공.', en: 'User identification and core service provision.' },
        legalBasis: 'contract',
        subjectCategories: ['counselors', 'clients'],
        dataCategories: ['identity', 'contact', 'demographic'],
        processorKeys: ['cloud'],
        transferKeys: ['cloud'],
        retentionRuleCode: 'membership',
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        name: { ko: '제3자 계정', en: 'Third-Party Accounts' },
        items: {
          ko: '닉네임, 프로필 사진, 이메일 주소 (Google, 네이버, 카카오 제공)',
          en: 'Nickname, Profile Photo, Email Address (from Google, Naver, Kakao)',
        },
        purpose: { ko: '간편 로그인 및 이용자 식별.', en: 'Simplified login and user identification.' },
        legalBasis: 'consent',
        subjectCategories: ['counselors', 'clients'],
        dataCategories: ['third_party_account', 'identity', 'contact', 'media'],
        processorKeys: ['cloud'],
        transferKeys: ['cloud'],
        retentionRuleCode: 'membership',
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        name: { ko: '서비스 이용 데이터', en: 'Service Usage Data' },
        items: {
          ko: '사진, 동영상, 음성 정보, 문자 메시지, 상담 기록 (메모 포함), 로그 데이터, IP 주소, 기기 정보 (ID, OS, 모델), 위치 (로그인 시 도시/국가), 기기 시간대, 서비스 이용 데이터, 광고 식별자 (ADID, IDFA).',
          en: 'Photos, Videos, Voice Information, Text Messages, Counseling Records (including notes), Log Data, IP Address, Device Info (ID, OS, Model), Location (City/Country at login), Device Time Zone, Service interaction data, Advertising IDs (ADID, IDFA).',
        },
        purpose: {
          ko: '서비스 기능 제공, 품질 개선, 오류 해결 및 맞춤형 서비스.',
          en: 'Service function, quality improvement, troubleshooting, and personalized service.',
        },
        legalBasis: 'contract',
        subjectCategories: ['counselors', 'clients'],
        dataCategories: [
          'media',
          'communications',
          'counseling',
          'usage_logs',
          'device',
          'location',
          'advertising_ids',
        ],
        processorKeys: ['cloud', 'zoom'],
        transferKeys: ['cloud', 'zoom'],
        retentionRuleCode: 'until_purpose',
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        name: { ko: 'PHI/민감정보 (명시적 동의)', en: 'PHI/Sensitive Data (Explicit Consent)' },
        items: {
          ko: '사상·신념, 정치적 견해, 건강·질병, 복약, 성생활, 유전정보, 범죄경력에 관한 정보 (이용자/내담자가 제공한 경우).',
          en: 'Information concerning ideology/beliefs, political opinions, health/diseases, medication use, sexual life, genetic information, criminal records (as provided by the User/Client).',
        },
        purpose: {
          ko: '명시적인 별도 동의가 있는 경우에만 전문 상담 및 수퍼비전 서비스 제공.',
          en: 'To facilitate professional counseling and supervision services only with explicit, separate consent.',
        },
        legalBasis: 'consent',
        art9Condition: 'a_explicit_consent',
        subjectCategories: ['clients'],
        dataCategories: ['health', 'genetic', 'beliefs_sex_life', 'criminal', 'counseling'],
        processorKeys: ['cloud'],
        transferKeys: ['cloud'],
        retentionRuleCode: 'until_purpose',
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        name: { ko: '금융/세무 정보', en: 'Financial/Tax Data' },
        items: {
          ko: '계좌 정보 (은행명, 계좌번호, 예금주), 식별번호 (세무/지급 법령 준수용)',
          en: 'Account Information (Bank Name, Account Number, Depositor Name), Identification Number (for tax/payment compliance)',
        },
        purpose: {
          ko: '기관 고객: 급여 지급, 원천징수 및 관련 노동 법령 준수.',
          en: 'For institutional clients: Salary payment, tax withholding, and compliance with related labor laws.',
        },
        legalBasis: 'legal_obligation',
        subjectCategories: ['institution_staff', 'counselors'],
        dataCategories: ['financial', 'identity'],
        processorKeys: ['cloud', 'payment-gateways'],
        transferKeys: ['cloud'],
        retention: { kind: 'statutory', period: 'P5Y', law: '국세기본법 제85조의3' },
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
      {
        name: { ko: 'Google 캘린더 연동', en: 'Google Calendar Integration' },
        items: {
          ko: '일정 제목, 시간, 메모, 참석자 정보, 계정 이메일 주소 (연동된 Google 캘린더).',
          en: 'Schedule Title, Time, Notes, Participant Information, Account Email Address (from linked Google Calendar).',
        },
        purpose: { ko: '예약 및 일정 관리 기능 제공.', en: 'Providing reservation and scheduling functionality.' },
        legalBasis: 'consent',
        subjectCategories: ['counselors', 'clients'],
        dataCategories: ['calendar', 'contact'],
        processorKeys: ['google-calendar', 'zoom'],
        transferKeys: ['google-calendar', 'zoom'],
        retention: { kind: 'duration', period: 'P5Y' },
        securityMeasures: SECURITY,
        controllerContact: CONTROLLER,
        dpoContact: DPO,
      },
    ],
  },
};
