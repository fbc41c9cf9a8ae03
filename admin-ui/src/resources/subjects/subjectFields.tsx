import type { ReactNode } from 'react';
import {
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
  type ChipProps,
} from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import { useErrorMessage } from '../../components/ProblemAlert';
import { fieldErrorKey, isApiError, type ProblemFieldError } from '../../providers/http';
import {
  SERVICES,
  SUBJECT_KINDS,
  SUBJECT_STATUSES,
  type PersonRef,
  type Service,
  type SubjectKind,
  type SubjectStatus,
} from './types';

/** Translation key of the subject screens. */
export const sk = (key: string): string => `resources.subjects.${key}`;

export const kindChoices = SUBJECT_KINDS.map((id) => ({ id, name: sk(`kinds.${id}`) }));
export const statusChoices = SUBJECT_STATUSES.map((id) => ({ id, name: sk(`statuses.${id}`) }));
export const serviceChoices = SERVICES.map((id) => ({ id, name: sk(`services.${id}`) }));

/** The server's message for an error, with the subject screens' own codes translated too. */
export const useSubjectErrorMessage = () => {
  const translate = useTranslate();
  const generic = useErrorMessage();
  return (error: unknown): string => {
    if (isApiError(error)) {
      const fieldCode = error.errors.find((e) => e.code === 'IDENTITY_CHECK_REQUIRED')?.code;
      const code = fieldCode ?? error.code;
      const own = translate(sk(`problems.${code}`), { _: '' });
      if (own) return own;
    }
    return generic(error);
  };
};

/** A field error in words: the subject screens' codes first (invalid_phone…), then the generic ones. */
export const useFieldErrorMessage = () => {
  const translate = useTranslate();
  return (error: ProblemFieldError): string =>
    translate(sk(`search.errors.${error.code.toLowerCase()}`), {
      _: translate(sk(`problems.${error.code}`), { _: translate(fieldErrorKey(error)) }),
    });
};

/** Date and time in the console's one format (i18n/dates.ts); a dash for nothing. */
export const useFormatDateTime = () => {
  const translate = useTranslate();
  const { format } = useDates();
  return (iso: string | null | undefined): string => (iso ? format(iso, 'dateTime') : translate('app.none'));
};

/** A date in the console's one format; a plain date ("1985-03-02") is that calendar day. */
export const useFormatDate = () => {
  const translate = useTranslate();
  const { format } = useDates();
  return (value: string | null | undefined): string => (value ? format(value, 'date') : translate('app.none'));
};

/** An enum value in words, or the raw value when there is no translation for it. */
export const useEnumLabel = () => {
  const translate = useTranslate();
  return (group: string, value: string | null | undefined): string =>
    value ? translate(sk(`${group}.${value}`), { _: value }) : translate('app.none');
};

const STATUS_COLORS: Record<SubjectStatus, ChipProps['color']> = {
  active: 'success',
  dormant: 'warning',
  locked: 'error',
  withdrawn: 'default',
};

export const StatusChip = ({ status }: { status: SubjectStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[status] ?? 'default'}
      variant={status === 'active' ? 'outlined' : 'filled'}
      label={translate(sk(`statuses.${status}`), { _: status })}
      data-testid="subject-status"
      data-status={status}
    />
  );
};

export const KindChip = ({ kind }: { kind: SubjectKind }) => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" label={translate(sk(`kinds.${kind}`), { _: kind })} />;
};

export const ServiceLabel = ({ service }: { service: Service }) => {
  const translate = useTranslate();
  return <>{translate(sk(`services.${service}`), { _: service })}</>;
};

/** A link to another person's profile, by their masked name. */
export const PersonLink = ({ person }: { person: PersonRef | null | undefined }) => {
  const translate = useTranslate();
  if (!person) return <>{translate('app.none')}</>;
  return (
    <Link
      to={`/subjects/${encodeURIComponent(person.id)}/show`}
      data-testid="person-link"
      sx={{ whiteSpace: 'nowrap' }}
    >
      {person.name}
    </Link>
  );
};

/** "41 years" / "41세"; "Unknown" without a birth date. */
export const useAge = () => {
  const translate = useTranslate();
  return (age: number | null | undefined): string =>
    age === null || age === undefined ? translate(sk('age_unknown')) : translate(sk('age_years'), { smart_count: age });
};

export interface Column<T> {
  key: string;
  /** Translation key of the header. */
  label: string;
  render: (row: T) => ReactNode;
  nowrap?: boolean;
}

/** A small read-only table with translated headers, scrolling sideways inside its card when narrow. */
export function SimpleTable<T extends { id: string | number }>({
  columns,
  rows,
  testId,
  empty,
  rowProps,
}: {
  columns: Column<T>[];
  rows: T[];
  testId: string;
  empty?: string;
  rowProps?: (row: T) => Record<string, string | undefined>;
}) {
  const translate = useTranslate();
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid={`${testId}-empty`} sx={{ py: 1 }}>
        {translate(empty ?? sk('profile.empty'))}
      </Typography>
    );
  }
  return (
    <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
      <Table size="small" data-testid={testId} sx={{ '& th': { whiteSpace: 'nowrap', fontWeight: 600 } }}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.key}>{translate(column.label)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} {...(rowProps?.(row) ?? {})}>
              {columns.map((column) => (
                <TableCell key={column.key} sx={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                  {column.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A labelled value in a grid of facts. */
export const FactItem = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Box data-testid={testId} sx={{ minWidth: 0 }}>
      <Typography variant="caption" component="div" color="text.secondary">
        {translate(label)}
      </Typography>
      <Box sx={{ typography: 'body2', overflowWrap: 'anywhere' }}>{children ?? translate('app.none')}</Box>
    </Box>
  );
};

export const FactGrid = ({ children }: { children: ReactNode }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(3, 1fr)' },
      columnGap: 3,
      rowGap: 2,
    }}
  >
    {children}
  </Box>
);
