import type { incidentDashboardEn } from './incidentDashboard.en';

/** 보안·DPO 첫 화면의 진행 중인 사고 카드(F8). */
export const incidentDashboardKo: typeof incidentDashboardEn = {
  incidents: {
    title: '진행 중인 사고',
    open: '%{smart_count}건',
    nearest: '가장 가까운 신고·통지 기한',
    no_clocks: '진행 중인 신고·통지 기한이 없습니다.',
    overdue: '%{hours}시간 경과',
    due_soon: '%{hours}시간 남음',
    on_time: '%{hours}시간 남음',
    board: '사고 현황판',
    codes: {
      kr_subjects: '정보주체 통지',
      kr_regulator: '개인정보위·KISA 신고',
      eu_authority: 'EU 감독기관 신고',
      eu_subjects: 'EU 정보주체 통지',
      us_individuals: '미국 개인 통지',
      us_hhs: '미국 HHS 보고',
      us_media: '미국 언론 통지',
      us_hhs_yearly_log: '미국 HHS 연간 보고',
    },
  },
};
