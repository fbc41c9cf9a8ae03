import { useState, type MouseEvent } from 'react';
import { Button, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useNotify, useTranslate } from 'react-admin';
import { useStepUp } from '../../components/StepUpDialog';
import { filenameFromContentDisposition, saveBlob } from '../../providers/download';
import { requestFile } from '../../providers/http';
import { useRegisterErrorMessage } from './RegisterForm';

const R = 'resources.registers';

export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'markdown';

/**
 * A menu of file formats; each choice downloads the server's file (an access-log `download`
 * event on the server). `path` is the export route under /api.
 */
export const RegisterExportButton = ({
  path,
  formats,
  query,
  label = `${R}.export.button`,
  help,
  testId,
  variant = 'text',
}: {
  path: string;
  formats: ExportFormat[];
  query: Record<string, string | undefined>;
  label?: string;
  help?: string;
  testId: string;
  variant?: 'text' | 'outlined' | 'contained';
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorMessage = useRegisterErrorMessage();
  const stepUp = useStepUp();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (format: ExportFormat) => {
    setAnchor(null);
    setBusy(true);
    await stepUp.run(
      async () => {
        const response = await requestFile(path, { query: { ...query, format } });
        const name = filenameFromContentDisposition(
          response.headers.get('Content-Disposition'),
          `register.${format === 'markdown' ? 'md' : format}`,
        );
        saveBlob(response.body, name);
        notify(`${R}.export.done`, { type: 'success', messageArgs: { name } });
        setBusy(false);
      },
      (error) => {
        if (error) notify(errorMessage(error), { type: 'error' });
        setBusy(false);
      },
    );
  };

  const button = (
    <Button
      size="small"
      variant={variant}
      startIcon={<DownloadIcon />}
      disabled={busy}
      onClick={(event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget)}
      data-testid={testId}
      aria-haspopup="menu"
    >
      {translate(label)}
    </Button>
  );

  return (
    <>
      {help ? <Tooltip title={translate(help)}>{button}</Tooltip> : button}
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {formats.map((format) => (
          <MenuItem key={format} onClick={() => void download(format)} data-testid={`${testId}-${format}`}>
            <ListItemText>{translate(`${R}.export.${format}`)}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
      {stepUp.dialog}
    </>
  );
};
