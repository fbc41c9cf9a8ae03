import { useEffect, useRef } from 'react';
import { Alert, AlertTitle, Button } from '@mui/material';
import { useRefresh, useTranslate } from 'react-admin';

/**
 * For the forms that edit a versioned row: a reset after the record is fetched again keeps the
 * fields the person changed (react-hook-form's keepDirtyValues) and takes the rest from the
 * latest version. Module-level, so that react-admin's reset effect does not run on every render.
 */
export const KEEP_TYPED_VALUES = { keepDirtyValues: true } as const;

/**
 * A stale version (409): somebody saved in between and nothing was written. Shown beside the
 * Save button the person just pressed, scrolled into view and focused (so a screen reader reads
 * it). "Load the latest version" fetches it again and keeps what they typed: they check, then
 * save again on top of the new version.
 */
export const StaleVersionAlert = ({ version, onReloaded }: { version: number; onReloaded: () => void }) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    ref.current?.focus({ preventScroll: true });
  }, [version]);
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      severity="warning"
      role="alert"
      sx={{ my: 2, width: '100%' }}
      data-testid="stale-version"
      action={
        <Button
          color="inherit"
          size="small"
          data-testid="stale-version-reload"
          onClick={() => {
            refresh();
            onReloaded();
          }}
        >
          {translate('app.stale_version.reload')}
        </Button>
      }
    >
      <AlertTitle>{translate('app.stale_version.title')}</AlertTitle>
      {translate('app.stale_version.body', { version })}
    </Alert>
  );
};
