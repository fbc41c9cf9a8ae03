import { Typography } from '@mui/material';
import { useGetMany, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { useFormatDay, useLocalized } from './registerFields';
import { DISCLOSURES, POLICIES, RETENTION_RULES } from './registerResources';
import type { LocalizedText } from './registerTypes';

type Named = {
  id?: string;
  recipient?: LocalizedText;
  name?: LocalizedText;
  authority?: string;
  disclosedOn?: string;
  code?: string;
};

/** How a row is called: its recipient, its name, or for a disclosure the authority and date. */
export const useRowLabel = () => {
  const localized = useLocalized();
  const formatDay = useFormatDay();
  return (resource: string, row: Named | undefined): string => {
    if (!row) return '';
    if (resource === DISCLOSURES) return `${row.authority ?? ''} · ${formatDay(row.disclosedOn)}`;
    if (resource === POLICIES || resource === RETENTION_RULES) return localized(row.name) || row.code || '';
    return localized(row.recipient ?? row.name) || '';
  };
};

/** The current record's label; used as the resources' `recordRepresentation`. */
export const RecordLabel = () => {
  const record = useRecordContext<Named>();
  const resource = useResourceContext() ?? '';
  const label = useRowLabel();
  if (!record) return null;
  return <>{label(resource, record)}</>;
};

/** The names of rows referred to by id (e.g. an activity's processors), comma-separated. */
export const RowNames = ({ resource, ids }: { resource: string; ids: string[] }) => {
  const translate = useTranslate();
  const label = useRowLabel();
  const { data, isPending } = useGetMany<Named & { id: string }>(resource, { ids }, { enabled: ids.length > 0 });
  if (ids.length === 0) {
    return (
      <Typography variant="body2" component="span" color="text.secondary">
        {translate('resources.registers.none_linked')}
      </Typography>
    );
  }
  if (isPending) return <Typography variant="body2">…</Typography>;
  const byId = new Map((data ?? []).map((row) => [row.id, row]));
  return (
    <Typography variant="body2" component="span">
      {ids
        .map((id) => (byId.has(id) ? label(resource, byId.get(id)) : translate('resources.registers.unknown_row')))
        .join(', ')}
    </Typography>
  );
};
