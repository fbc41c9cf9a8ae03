import { Chip } from '@mui/material';
import { DataTable, List, SelectInput, SimpleList, useRecordContext, useTranslate } from 'react-admin';
import { useIsPhone } from '../../components/usePhone';
import { useFormatDateTime } from '../staff/staffFields';

const O = 'resources.outbox';
const STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
const COLOURS = { queued: 'default', sending: 'info', sent: 'success', failed: 'error', cancelled: 'default' } as const;

interface OutboxMessage {
  id: string;
  status: (typeof STATUSES)[number];
  channel: string;
  createdAt: string;
  sentAt: string | null;
  contentDeletedAt: string | null;
  delivery: { transport: string; note?: string } | null;
  lastError: string | null;
}

const StatusChip = () => {
  const record = useRecordContext<OutboxMessage>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={COLOURS[record.status]} label={translate(`${O}.statuses.${record.status}`)} />;
};

const When = ({ source }: { source: 'createdAt' | 'sentAt' }) => {
  const record = useRecordContext<OutboxMessage>();
  const format = useFormatDateTime('compact');
  return <>{format(record?.[source])}</>;
};

const Delivery = () => {
  const record = useRecordContext<OutboxMessage>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.lastError) return <>{record.lastError}</>;
  if (!record.delivery) return null;
  return <>{translate(`${O}.transports.${record.delivery.transport}`)}</>;
};

const Content = () => {
  const record = useRecordContext<OutboxMessage>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{translate(record.contentDeletedAt ? `${O}.content_deleted` : `${O}.content_kept`)}</>;
};

/** What went out, to whom (masked), by which template version, and how it went. Metadata only. */
export const OutboxList = () => {
  const translate = useTranslate();
  const isPhone = useIsPhone();
  const format = useFormatDateTime('compact');
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={STATUSES.map((id) => ({ id, name: translate(`${O}.statuses.${id}`) }))}
    />,
  ];
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={50} title={`${O}.title`}>
      {isPhone ? (
        // At 390 px: template and recipient (masked), then status and channel, then when.
        <SimpleList<OutboxMessage & { templateKey: string; templateVersion: number; recipientMasked: string }>
          linkType={false}
          primaryText={(r) => `${r.templateKey} v${r.templateVersion}`}
          secondaryText={(r) =>
            `${translate(`${O}.statuses.${r.status}`)} · ${translate(`resources.templates.channels.${r.channel}`)} · ${r.recipientMasked}`
          }
          tertiaryText={(r) => format(r.sentAt ?? r.createdAt)}
        />
      ) : (
        <DataTable bulkActionButtons={false} rowClick={false} sx={{ '& th': { whiteSpace: 'nowrap' } }}>
          <DataTable.Col source="createdAt">
            <When source="createdAt" />
          </DataTable.Col>
          <DataTable.Col source="status" field={StatusChip} />
          <DataTable.Col
            source="channel"
            render={(r: { channel: string }) => translate(`resources.templates.channels.${r.channel}`)}
          />
          <DataTable.Col source="recipientMasked" disableSort />
          <DataTable.Col
            source="templateKey"
            render={(r: { templateKey: string; templateVersion: number }) => `${r.templateKey} v${r.templateVersion}`}
          />
          <DataTable.Col
            source="language"
            disableSort
            sx={{ whiteSpace: 'nowrap' }}
            render={(r: { language: string }) =>
              translate(`resources.templates.language.${r.language === 'en' ? 'En' : 'Ko'}`)
            }
          />
          <DataTable.Col source="attempts" disableSort />
          <DataTable.Col source="sentAt">
            <When source="sentAt" />
          </DataTable.Col>
          <DataTable.Col source="delivery" disableSort field={Delivery} />
          <DataTable.Col source="contentDeletedAt" disableSort field={Content} />
        </DataTable>
      )}
    </List>
  );
};
