import { useEffect, useState } from 'react';
import { Alert, AlertTitle, CircularProgress } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { AuditEventDetail } from '../../types';
import { checkEventInclusion, type InclusionCheck as Result } from './inclusion';

const SEVERITY: Record<Result, 'success' | 'info' | 'warning' | 'error'> = {
  ok: 'success',
  pending: 'info',
  unavailable: 'warning',
  leaf_mismatch: 'error',
  proof_invalid: 'error',
};

/** Recomputes the leaf and the inclusion proof with the browser's own SHA-256, not the server's word. */
export const InclusionCheck = ({ record }: { record: AuditEventDetail }) => {
  const translate = useTranslate();
  const [result, setResult] = useState<Result | null>(null);
  const { canonical, leafHash, proof } = record;

  useEffect(() => {
    let cancelled = false;
    setResult(null);
    checkEventInclusion({ canonical, leafHash, proof })
      .then((value) => {
        if (!cancelled) setResult(value);
      })
      .catch(() => {
        if (!cancelled) setResult('proof_invalid');
      });
    return () => {
      cancelled = true;
    };
  }, [canonical, leafHash, proof]);

  if (result === null) {
    return (
      <Alert severity="info" icon={<CircularProgress size={20} />} data-testid="inclusion-check" data-result="running">
        {translate('app.access_log.check.running')}
      </Alert>
    );
  }
  return (
    <Alert severity={SEVERITY[result]} role="status" data-testid="inclusion-check" data-result={result}>
      {result === 'ok' ? (
        <>
          <AlertTitle sx={{ mb: 0.5 }}>{translate('app.access_log.check.ok')}</AlertTitle>
          {translate('app.access_log.check.ok_detail', { size: proof?.head.treeSize ?? 0 })}
        </>
      ) : (
        translate(`app.access_log.check.${result}`)
      )}
    </Alert>
  );
};
