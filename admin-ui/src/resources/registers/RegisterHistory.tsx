import { useState, type ReactNode } from 'react';
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionReason } from '../../components/VersionReason';
import { http } from '../../providers/http';
import { useFormatDateTime } from '../staff/staffFields';
import { RowNames } from './RecordLabel';
import { BilingualText, CountryName, NotSet, RetentionRule, RetentionText, useEnumLabel } from './registerFields';
import {
  ACTIVITIES,
  POLICIES,
  PROCESSORS,
  PROVISIONS,
  RETENTION_RULES,
  TRANSFERS,
  WRITABLE_FIELDS,
  type EditableRegister,
} from './registerResources';
import {
  CONTRACT_TERMS,
  type ContractTerm,
  type HistoryEntry,
  type LocalizedText,
  type Retention,
} from './registerTypes';

const R = 'resources.registers';

/** Which message group names the values of a field, by its last path segment. */
const enumGroup = (resource: string, path: string): string | null => {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = parts.filter((part) => !/^\d+$/.test(part)).pop() ?? '';
  if (parts[0] === 'retention' && last === 'kind') return 'retention.kinds';
  if (parts[0] === 'retention' && last === 'after') return 'retention.events';
  switch (last) {
    case 'status':
      return 'status';
    case 'legalBasis':
      return resource === PROVISIONS ? 'provision_bases' : resource === ACTIVITIES ? 'activity_bases' : null;
    case 'pipaBasis':
      return 'pipa_bases';
    case 'gdprMechanism':
      return 'gdpr_mechanisms';
    case 'derogation':
      return 'derogations';
    case 'art9Condition':
      return 'art9';
    case 'subjectCategories':
      return 'subject_categories';
    case 'dataCategories':
      return 'data_categories';
    case 'basisType':
      return 'basis_types';
    case 'layout':
      return 'layouts';
    default:
      return null;
  }
};

/** Fields holding ids of other rows, and the resource those rows are in. */
const REFERENCES: Record<string, string> = {
  parentId: PROCESSORS,
  processorIds: PROCESSORS,
  provisionIds: PROVISIONS,
  transferIds: TRANSFERS,
  retentionRuleId: RETENTION_RULES,
  policyId: POLICIES,
};

const isLocalized = (value: object): value is LocalizedText =>
  Object.keys(value).length > 0 && Object.keys(value).every((key) => key === 'ko' || key === 'en');

/** One value of a diff in words: never raw JSON. */
export const DiffValue = ({ resource, field, value }: { resource: string; field: string; value: unknown }) => {
  const translate = useTranslate();
  const enumLabel = useEnumLabel();
  const root = field.split(/[.[]/)[0] ?? field;
  const last = field.split('.').pop() ?? field;

  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <NotSet />;
  }
  if (REFERENCES[root] && (typeof value === 'string' || Array.isArray(value))) {
    return <RowNames resource={REFERENCES[root]} ids={Array.isArray(value) ? (value as string[]) : [value]} />;
  }
  if (typeof value === 'boolean') {
    return (
      <Typography variant="body2" component="span" color={value ? 'success.main' : 'error.main'}>
        {translate(value ? `${R}.yes` : `${R}.no`)}
      </Typography>
    );
  }
  if ((last === 'country' || root === 'country') && typeof value === 'string') return <CountryName code={value} />;
  const group = enumGroup(resource, field);
  if (group && typeof value === 'string') {
    return (
      <Typography variant="body2" component="span">
        {enumLabel(group, value)}
      </Typography>
    );
  }
  if (Array.isArray(value)) {
    return (
      <Typography variant="body2" component="span">
        {value
          .map((item) =>
            group && typeof item === 'string' ? enumLabel(group, item) : typeof item === 'string' ? item : '…',
          )
          .join(', ')}
      </Typography>
    );
  }
  if (typeof value === 'object') {
    if (isLocalized(value)) return <BilingualText text={value} />;
    if ('kind' in value) {
      return (
        <Stack>
          <RetentionText retention={value as Retention} />
          <RetentionRule retention={value as Retention} />
        </Stack>
      );
    }
    return (
      <Stack spacing={0.5}>
        {Object.entries(value as Record<string, unknown>).map(([key, inner]) => (
          <Box key={key}>
            <Typography variant="caption" color="text.secondary" component="div">
              {fieldLabel(translate, resource, `${field}.${key}`)}
            </Typography>
            <DiffValue resource={resource} field={`${field}.${key}`} value={inner} />
          </Box>
        ))}
      </Stack>
    );
  }
  return (
    <Typography variant="body2" component="span" sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
      {String(value)}
    </Typography>
  );
};

/** "Recipient (English)", "Retention · Period", "Contract terms · Liability …" for a dotted path. */
export const fieldLabel = (translate: ReturnType<typeof useTranslate>, resource: string, path: string): string => {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = parts[parts.length - 1];
  if (last === 'ko' || last === 'en') {
    return `${fieldLabel(translate, resource, parts.slice(0, -1).join('.'))} (${translate(`${R}.languages.${last}`)})`;
  }
  const [first, ...rest] = parts;
  const base = translate(`resources.${resource}.fields.${first}`, { _: first });
  if (first === 'contractTerms' && rest.length === 1) {
    return `${base} · ${translate(`${R}.contract_terms.terms.${rest[0]}`, { _: rest[0] })}`;
  }
  if (first === 'retention' && rest.length > 0) {
    return [
      base,
      ...rest.map((part) =>
        /^\d+$/.test(part)
          ? translate(`${R}.retention.option`, { n: Number(part) + 1 })
          : translate(`${R}.retention.fields.${part}`, { _: part }),
      ),
    ].join(' · ');
  }
  return rest.length > 0 ? [base, ...rest].join(' · ') : base;
};

const DiffTable = ({
  resource,
  diff,
  showBefore,
}: {
  resource: string;
  diff: HistoryEntry['diff'];
  showBefore: boolean;
}) => {
  const translate = useTranslate();
  return (
    <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
      <Table size="small" sx={{ '& td': { verticalAlign: 'top' }, tableLayout: 'fixed', minWidth: 560 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '26%' }}>{translate(`${R}.history.field`)}</TableCell>
            {showBefore && <TableCell>{translate(`${R}.history.before`)}</TableCell>}
            <TableCell>{translate(`${R}.history.after`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...diff].sort(diffOrder(resource)).map((change) => (
            <TableRow key={change.field} data-testid="diff-row" data-field={change.field}>
              <TableCell sx={{ fontWeight: 500 }}>{fieldLabel(translate, resource, change.field)}</TableCell>
              {showBefore && (
                <TableCell sx={{ bgcolor: 'rgba(211, 47, 47, 0.05)' }}>
                  <DiffValue resource={resource} field={change.field} value={change.before} />
                </TableCell>
              )}
              <TableCell sx={{ bgcolor: 'rgba(46, 125, 50, 0.06)' }}>
                <DiffValue resource={resource} field={change.field} value={change.after} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** Diff rows in the order the form shows the fields: the writable fields, then the terms' order, Korean first. */
const diffOrder = (resource: string) => {
  const fields: readonly string[] = WRITABLE_FIELDS[resource as EditableRegister] ?? [];
  const rank = (path: string): number[] => {
    const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    const root = fields.indexOf(parts[0] ?? '');
    const term = CONTRACT_TERMS.indexOf(parts[1] as ContractTerm);
    const lang = parts[parts.length - 1] === 'en' ? 1 : 0;
    return [root < 0 ? fields.length : root, term, lang];
  };
  return (a: { field: string }, b: { field: string }): number => {
    const [x, y] = [rank(a.field), rank(b.field)];
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.field.localeCompare(b.field);
  };
};

const OPERATION_COLOR = { create: 'success', update: 'primary', import: 'info' } as const;

const HistoryCard = ({ entry, resource, current }: { entry: HistoryEntry; resource: string; current: boolean }) => {
  const translate = useTranslate();
  const format = useFormatDateTime('full');
  const initial = entry.diff.every((change) => change.before === null || change.before === undefined);
  const [open, setOpen] = useState(!initial);
  let body: ReactNode;
  if (entry.diff.length === 0) {
    body = (
      <Typography variant="body2" color="text.secondary">
        {translate(`${R}.history.no_changes`)}
      </Typography>
    );
  } else if (initial) {
    body = (
      <>
        <Button size="small" onClick={() => setOpen(!open)} sx={{ mb: open ? 1 : 0 }}>
          {open
            ? translate(`${R}.history.hide_initial`)
            : translate(`${R}.history.show_initial`, { smart_count: entry.diff.length })}
        </Button>
        {open && <DiffTable resource={resource} diff={entry.diff} showBefore={false} />}
      </>
    );
  } else {
    body = <DiffTable resource={resource} diff={entry.diff} showBefore />;
  }
  return (
    <Card variant="outlined" data-testid="history-entry" data-version={entry.version}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {translate(`${R}.history.version`, { version: entry.version })}
          </Typography>
          <Chip
            size="small"
            color={OPERATION_COLOR[entry.operation] ?? 'default'}
            label={translate(`${R}.history.operations.${entry.operation}`, { _: entry.operation })}
          />
          {current && <Chip size="small" variant="outlined" label={translate(`${R}.history.current`)} />}
          <Typography variant="body2" color="text.secondary">
            {format(entry.changedAt)} · {translate(`${R}.history.by`, { name: entry.author.displayName })}
          </Typography>
        </Stack>
        <VersionReason label={translate(`${R}.history.reason`)} reason={entry.reason} testId="history-reason" />
        {body}
      </CardContent>
    </Card>
  );
};

/** Every saved version of the row, newest first, each with its diff, author, time and reason. */
export const RegisterHistory = () => {
  const translate = useTranslate();
  const record = useRecordContext<{ id: string }>();
  const resource = useResourceContext() ?? '';
  const history = useQuery({
    queryKey: [resource, 'history', record?.id],
    queryFn: () => http.get<HistoryEntry[]>(`/${resource}/${encodeURIComponent(String(record!.id))}/history`),
    enabled: Boolean(record?.id),
  });
  if (!record) return null;
  if (history.isPending) return <CircularProgress size={24} aria-label={translate('app.loading')} />;
  if (history.isError) return <ProblemAlert error={history.error} />;
  const entries = history.data ?? [];
  return (
    <Stack spacing={2} sx={{ py: 1, width: '100%' }} data-testid="register-history">
      <Typography variant="body2" color="text.secondary">
        {translate(`${R}.history.intro`)}
      </Typography>
      {entries.length === 0 && <Typography variant="body2">{translate(`${R}.history.empty`)}</Typography>}
      {entries.map((entry, index) => (
        <HistoryCard key={entry.version} entry={entry} resource={resource} current={index === 0} />
      ))}
    </Stack>
  );
};
