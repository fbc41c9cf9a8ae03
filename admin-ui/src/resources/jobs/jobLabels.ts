/**
 * Each job's name and the names of what its runs count, in both languages. They live here, not in
 * i18n/jobs.*.ts, because only the Jobs screen shows them: its chunk loads them when it opens, and
 * the first load stays within its size budget. A new job adds its lines here.
 */
const LABELS = {
  ko: {
    names: {
      'access-log-purge': '접속기록 보존 기간 경과분 파기',
      'incident-clock-escalation': '사고 신고·통지 기한 임박·경과 표시',
      'job-runs-prune': '보존 기간이 지난 작업 실행 기록 삭제',
      'outbox-dispatch': '발송 대기 메시지 발송',
      'outbox-files-prune': '발송 후 내용을 삭제하는 메시지의 파일 삭제',
      'rights-request-reminders': '기한 임박·경과 권리 요구 알림',
    },
    counts: {
      deleted: '삭제',
      purgedThrough: '파기한 마지막 순번',
      sent: '발송',
      failed: '실패',
      retrying: '재시도 대기',
      requeued: '다시 대기',
      removed: '삭제한 파일',
      missing: '이미 없던 파일',
      atRisk: '기한 임박',
      overdue: '기한 경과',
      notified: '알림 발송',
      dueSoon: '24시간 이내',
    },
  },
  en: {
    names: {
      'access-log-purge': 'Access-log retention purge',
      'incident-clock-escalation': 'Escalate incident notification clocks due soon or overdue',
      'job-runs-prune': 'Delete job runs past their retention',
      'outbox-dispatch': 'Send queued messages',
      'outbox-files-prune': 'Remove the files of messages deleted after sending',
      'rights-request-reminders': 'Remind assignees of rights requests at risk or overdue',
    },
    counts: {
      deleted: 'deleted',
      purgedThrough: 'purged through seq',
      sent: 'sent',
      failed: 'failed',
      retrying: 'to retry',
      requeued: 'requeued',
      removed: 'files removed',
      missing: 'files already gone',
      atRisk: 'at risk',
      overdue: 'overdue',
      notified: 'notified',
      dueSoon: 'due within 24 h',
    },
  },
} satisfies Record<'ko' | 'en', { names: Record<string, string>; counts: Record<string, string> }>;

type Labels = { names: Record<string, string>; counts: Record<string, string> };

/** The labels in the reader's language (Korean unless English). */
export const jobLabels = (locale: string): Labels => (locale === 'en' ? LABELS.en : LABELS.ko);
