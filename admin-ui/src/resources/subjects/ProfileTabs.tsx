import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Box, Button, Checkbox, Chip, Rating, Stack, Tooltip, Typography, alpha } from '@mui/material';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import VisibilityOffOutlinedIcon from '@mui/icons-material/VisibilityOffOutlined';
import VisibilityOutlinedIcon from '@mui/icons-material/VisibilityOutlined';
import { Link, RecordContextProvider, useLocaleState, useTranslate } from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActorField } from '../access-log/accessLogFields';
import { NamesProvider } from '../access-log/logNames';
import type { PhiTarget } from './RevealDialogs';
import { subjectApi } from './subjectApi';
import {
  FactGrid,
  FactItem,
  PersonLink,
  SimpleTable,
  sk,
  useAge,
  useEnumLabel,
  useFormatDate,
  useFormatDateTime,
  type Column,
} from './subjectFields';
import type {
  AccountActionRecord,
  Booking,
  CalendarLink,
  Consent,
  CounselingRecord,
  Device,
  IdentityCheck,
  Payment,
  PhiReveal,
  PhiSelection,
  Recording,
  RevealableField,
  RevealedValues,
  Review,
  SensitiveData,
  SingleValueField,
  SocialLink,
  SubjectAccessEvent,
  SubjectProfile,
} from './types';
import { MONOSPACE } from '../../layout/theme';

export type { RevealedValues };

/** PHI revealed in this view: per record, sensitive-data row and booking; the counseling interest. */
export interface PhiState {
  records: Map<string, PhiReveal['records'][number]['content']>;
  sensitive: Map<string, string>;
  topics: Map<string, string>;
  /** undefined: not revealed; null: revealed, none recorded. */
  counselingInterest?: string | null;
}

/** Opens the PHI reveal dialog for exactly these rows. */
export type OnRevealPhi = (target: PhiTarget, selection: PhiSelection) => void;

export const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ mb: 3 }} data-testid={testId}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

/** A masked value with its reveal button, or the revealed value for this view with a hide button. */
const MaskedValue = ({
  field,
  masked,
  profile,
  revealed,
  onReveal,
  onHide,
}: {
  field: SingleValueField;
  masked: string | null;
  profile: SubjectProfile;
  revealed: RevealedValues;
  onReveal: (field: RevealableField) => void;
  onHide: (field: RevealableField) => void;
}) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const isRevealed = field in revealed;
  const canReveal = profile.can.reveal.includes(field) && masked !== null && !profile.keyShredded;
  const shown = isRevealed
    ? field === 'birthDate'
      ? formatDate(revealed[field])
      : (revealed[field] ?? translate(sk('reveal.no_value')))
    : (masked ?? translate('app.none'));
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Box
        component="span"
        sx={{ fontFamily: isRevealed ? undefined : MONOSPACE, fontWeight: isRevealed ? 600 : undefined }}
        data-testid={`subject-${field}`}
        data-revealed={isRevealed ? 'true' : 'false'}
      >
        {shown}
      </Box>
      {isRevealed ? (
        <>
          <Chip
            size="small"
            color="warning"
            variant="outlined"
            icon={<VisibilityOutlinedIcon />}
            label={translate(sk('reveal.revealed'))}
          />
          <Button size="small" onClick={() => onHide(field)} startIcon={<VisibilityOffOutlinedIcon />}>
            {translate(sk('reveal.hide'))}
          </Button>
        </>
      ) : (
        canReveal && (
          <Button
            size="small"
            variant="outlined"
            startIcon={<VisibilityOutlinedIcon />}
            onClick={() => onReveal(field)}
            aria-label={translate(sk('reveal.button_label'), { field: translate(sk(`fields.${field}`)) })}
            data-testid={`reveal-${field}`}
          >
            {translate(sk('reveal.button'))}
          </Button>
        )
      )}
    </Stack>
  );
};

/** The counseling interest: PHI, so only for roles that may read PHI, sealed until revealed. */
const CounselingInterest = ({
  profile,
  phi,
  onRevealPhi,
}: {
  profile: SubjectProfile;
  phi: PhiState;
  onRevealPhi: OnRevealPhi;
}) => {
  const translate = useTranslate();
  if (phi.counselingInterest !== undefined) {
    return (
      <Box component="span" sx={{ fontWeight: 600 }} data-testid="counseling-interest" data-revealed="true">
        {phi.counselingInterest ?? translate(sk('reveal.no_value'))}
      </Box>
    );
  }
  if (!profile.hasCounselingInterest) return <>{translate('app.none')}</>;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Hidden />
      {!profile.keyShredded && (
        <Button
          size="small"
          variant="outlined"
          color="warning"
          startIcon={<VisibilityOutlinedIcon />}
          onClick={() => onRevealPhi('interest', { counselingInterest: true })}
          data-testid="reveal-counseling-interest"
        >
          {translate(sk('reveal.button'))}
        </Button>
      )}
    </Stack>
  );
};

export const AccountTab = ({
  profile,
  revealed,
  onReveal,
  onHide,
  phi,
  onRevealPhi,
}: {
  profile: SubjectProfile;
  revealed: RevealedValues;
  onReveal: (field: RevealableField) => void;
  onHide: (field: RevealableField) => void;
  phi: PhiState;
  onRevealPhi: OnRevealPhi;
}) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  const age = useAge();
  const masked = { profile, revealed, onReveal, onHide };
  const nicknamesRevealed = revealed.providerNicknames !== undefined;
  const canRevealNicknames =
    profile.can.reveal.includes('providerNicknames') &&
    !nicknamesRevealed &&
    profile.socialLinks.some((l) => l.providerNickname !== null);
  const socialColumns: Column<SocialLink>[] = [
    { key: 'provider', label: sk('profile.social_provider'), render: (l) => enumLabel('providers', l.provider) },
    {
      key: 'nickname',
      label: sk('fields.nickname'),
      render: (l) =>
        nicknamesRevealed ? (
          <Box component="span" sx={{ fontWeight: 600 }} data-testid="provider-nickname" data-revealed="true">
            {revealed.providerNicknames?.[l.id] ?? translate('app.none')}
          </Box>
        ) : (
          <Box component="span" sx={{ fontFamily: MONOSPACE }} data-testid="provider-nickname" data-revealed="false">
            {l.providerNickname ?? translate('app.none')}
          </Box>
        ),
    },
    { key: 'email', label: sk('fields.email'), render: (l) => l.emailMask ?? translate('app.none') },
    { key: 'linked', label: sk('profile.linked'), render: (l) => format(l.linkedAt), nowrap: true },
    {
      key: 'state',
      label: sk('fields.status'),
      render: (l) =>
        l.unlinkedAt ? (
          translate(sk('profile.unlinked_on'), { time: format(l.unlinkedAt) })
        ) : (
          <Chip size="small" color="success" variant="outlined" label={translate(sk('profile.still_linked'))} />
        ),
      nowrap: true,
    },
  ];
  return (
    <>
      <Section title={sk('profile.sections.identity')} testId="subject-identity">
        <FactGrid>
          <FactItem label={sk('fields.name')}>
            <MaskedValue field="name" masked={profile.name} {...masked} />
          </FactItem>
          <FactItem label={sk('fields.email')}>
            <MaskedValue field="email" masked={profile.email} {...masked} />
          </FactItem>
          <FactItem label={sk('fields.phone')}>
            <MaskedValue field="phone" masked={profile.phone} {...masked} />
          </FactItem>
          <FactItem label={sk('fields.birthDate')}>
            <MaskedValue field="birthDate" masked={profile.age === null ? null : age(profile.age)} {...masked} />
          </FactItem>
          <FactItem label={sk('fields.nickname')}>
            <MaskedValue field="nickname" masked={profile.nickname} {...masked} />
          </FactItem>
          <FactItem label={sk('fields.gender')}>{enumLabel('genders', profile.gender)}</FactItem>
        </FactGrid>
      </Section>
      <Section title={sk('profile.sections.about')}>
        <FactGrid>
          <FactItem label={sk('fields.residence')}>{profile.residence}</FactItem>
          <FactItem label={sk('fields.occupation')}>{profile.occupation}</FactItem>
          <FactItem label={sk('fields.institution')}>{profile.institution}</FactItem>
          {profile.can.revealPhi && (
            <FactItem label={sk('fields.counselingInterest')}>
              <CounselingInterest profile={profile} phi={phi} onRevealPhi={onRevealPhi} />
            </FactItem>
          )}
          <FactItem label={sk('fields.locale')}>{enumLabel('locales', profile.locale)}</FactItem>
        </FactGrid>
      </Section>
      <Section title={sk('profile.sections.lifecycle')}>
        <FactGrid>
          <FactItem label={sk('fields.createdAt')}>{format(profile.createdAt)}</FactItem>
          <FactItem label={sk('fields.lastActiveAt')}>{format(profile.lastActiveAt)}</FactItem>
          {profile.dormantAt && <FactItem label={sk('fields.dormantAt')}>{format(profile.dormantAt)}</FactItem>}
          {profile.lockedAt && <FactItem label={sk('fields.lockedAt')}>{format(profile.lockedAt)}</FactItem>}
          {profile.withdrawalRequestedAt && (
            <FactItem label={sk('fields.withdrawalRequestedAt')}>{format(profile.withdrawalRequestedAt)}</FactItem>
          )}
          {profile.withdrawnAt && <FactItem label={sk('fields.withdrawnAt')}>{format(profile.withdrawnAt)}</FactItem>}
        </FactGrid>
      </Section>
      <Section title={sk('profile.sections.social')}>
        {(canRevealNicknames || nicknamesRevealed) && (
          <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
            {nicknamesRevealed ? (
              <>
                <Chip
                  size="small"
                  color="warning"
                  variant="outlined"
                  icon={<VisibilityOutlinedIcon />}
                  label={translate(sk('reveal.revealed'))}
                />
                <Button
                  size="small"
                  onClick={() => onHide('providerNicknames')}
                  startIcon={<VisibilityOffOutlinedIcon />}
                >
                  {translate(sk('reveal.hide'))}
                </Button>
              </>
            ) : (
              <Button
                size="small"
                variant="outlined"
                startIcon={<VisibilityOutlinedIcon />}
                onClick={() => onReveal('providerNicknames')}
                data-testid="reveal-providerNicknames"
              >
                {translate(sk('profile.reveal_nicknames'))}
              </Button>
            )}
          </Stack>
        )}
        <SimpleTable columns={socialColumns} rows={profile.socialLinks} testId="social-links" />
      </Section>
    </>
  );
};

export const FamilyTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const enumLabel = useEnumLabel();
  const age = useAge();
  if (profile.kind === 'child' || profile.guardian) {
    return (
      <Section title={sk('profile.sections.guardian')} testId="subject-guardian">
        {profile.guardian ? (
          <Typography variant="body2">
            {translate(sk('profile.guardian_of_child'))} <PersonLink person={profile.guardian} />
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate(sk('profile.no_guardian'))}
          </Typography>
        )}
      </Section>
    );
  }
  const columns: Column<SubjectProfile['children'][number]>[] = [
    { key: 'name', label: sk('fields.name'), render: (c) => <PersonLink person={c} /> },
    { key: 'age', label: sk('fields.age'), render: (c) => age(c.age) },
    { key: 'gender', label: sk('fields.gender'), render: (c) => enumLabel('genders', c.gender) },
    {
      key: 'under14',
      label: sk('profile.under14'),
      render: (c) =>
        c.under14 ? <Chip size="small" label={translate(sk('profile.under14'))} /> : translate('app.none'),
    },
    {
      key: 'consent',
      label: sk('profile.guardian_consent'),
      render: (c) => (
        <Chip
          size="small"
          color={c.guardianConsent ? 'success' : c.under14 ? 'error' : 'default'}
          variant={c.guardianConsent ? 'outlined' : 'filled'}
          label={translate(sk(c.guardianConsent ? 'profile.guardian_consent_yes' : 'profile.guardian_consent_no'))}
        />
      ),
    },
  ];
  return (
    <Section title={sk('profile.sections.children')} testId="subject-children">
      <SimpleTable columns={columns} rows={profile.children} testId="children" empty={sk('profile.no_children')} />
    </Section>
  );
};

export const ConsentsTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const columns: Column<Consent>[] = [
    {
      key: 'purpose',
      label: sk('consents.columns.purpose'),
      render: (c) => translate(sk(`consents.purposes.${c.purpose}`), { _: c.purpose }),
    },
    {
      key: 'type',
      label: sk('consents.columns.type'),
      render: (c) => (
        <Chip
          size="small"
          variant="outlined"
          color={c.required ? 'primary' : 'default'}
          label={translate(sk(c.required ? 'consents.required' : 'consents.optional'))}
        />
      ),
    },
    {
      key: 'state',
      label: sk('consents.columns.state'),
      render: (c) => {
        const state = c.withdrawnAt ? 'withdrawn' : c.granted ? 'granted' : 'refused';
        return (
          <Chip
            size="small"
            color={state === 'granted' ? 'success' : state === 'withdrawn' ? 'warning' : 'default'}
            variant={state === 'granted' ? 'outlined' : 'filled'}
            label={translate(sk(`consents.${state}`))}
            data-testid="consent-state"
            data-state={state}
          />
        );
      },
    },
    { key: 'version', label: sk('consents.columns.version'), render: (c) => c.version },
    { key: 'recorded', label: sk('consents.columns.recorded'), render: (c) => format(c.recordedAt), nowrap: true },
    {
      key: 'withdrawn',
      label: sk('consents.columns.withdrawn'),
      render: (c) => format(c.withdrawnAt),
      nowrap: true,
    },
    {
      key: 'by',
      label: sk('consents.columns.given_by'),
      render: (c) =>
        !c.givenBy || c.givenBy === profile.id ? (
          translate(sk('consents.by_self'))
        ) : (
          <Link to={`/subjects/${encodeURIComponent(c.givenBy)}/show`}>{translate(sk('consents.by_guardian'))}</Link>
        ),
      nowrap: true,
    },
  ];
  return <SimpleTable columns={columns} rows={profile.consents} testId="consents" />;
};

export const BookingsTab = ({
  profile,
  phi,
  onRevealPhi,
}: {
  profile: SubjectProfile;
  phi: PhiState;
  onRevealPhi: OnRevealPhi;
}) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  // A topic is health information: the column exists only for roles that may read PHI.
  const sealedTopics = profile.bookings.filter((b) => b.hasTopic && !phi.topics.has(b.id)).map((b) => b.id);
  const columns: Column<Booking>[] = [
    { key: 'when', label: sk('bookings.columns.when'), render: (b) => format(b.scheduledAt), nowrap: true },
    { key: 'mode', label: sk('bookings.columns.mode'), render: (b) => enumLabel('bookings.modes', b.mode) },
    ...(profile.can.revealPhi
      ? [
          {
            key: 'topic',
            label: sk('bookings.columns.topic'),
            render: (b: Booking) => {
              const topic = phi.topics.get(b.id);
              if (topic !== undefined) return <span data-testid="booking-topic">{topic}</span>;
              return b.hasTopic ? <Hidden /> : translate('app.none');
            },
          },
        ]
      : []),
    {
      key: 'status',
      label: sk('bookings.columns.status'),
      render: (b) => <Chip size="small" variant="outlined" label={enumLabel('bookings.statuses', b.status)} />,
    },
    { key: 'role', label: sk('bookings.columns.role'), render: (b) => enumLabel('bookings.roles', b.role) },
    { key: 'with', label: sk('bookings.columns.counterpart'), render: (b) => <PersonLink person={b.counterpart} /> },
    {
      key: 'child',
      label: sk('bookings.columns.child'),
      render: (b) => (b.child ? <PersonLink person={b.child} /> : translate('app.none')),
    },
  ];
  const reviewColumns: Column<Review>[] = [
    {
      key: 'rating',
      label: sk('bookings.review_columns.rating'),
      render: (r) => <Rating value={r.rating} readOnly size="small" />,
    },
    { key: 'body', label: sk('bookings.review_columns.body'), render: (r) => r.body ?? translate('app.none') },
    {
      key: 'published',
      label: sk('bookings.review_columns.published'),
      render: (r) => translate(sk(r.published ? 'bookings.published_yes' : 'bookings.published_no')),
    },
    { key: 'created', label: sk('bookings.review_columns.created'), render: (r) => format(r.createdAt), nowrap: true },
  ];
  return (
    <>
      <Section title={sk('profile.sections.bookings')}>
        {profile.can.revealPhi && sealedTopics.length > 0 && !profile.keyShredded && (
          <Button
            size="small"
            variant="outlined"
            color="warning"
            startIcon={<VisibilityOutlinedIcon />}
            onClick={() => onRevealPhi('topics', { bookingIds: sealedTopics })}
            sx={{ mb: 1 }}
            data-testid="reveal-topics"
          >
            {translate(sk('phi.reveal_topics'))}
          </Button>
        )}
        <SimpleTable columns={columns} rows={profile.bookings} testId="bookings" />
      </Section>
      <Section title={sk('profile.sections.reviews')}>
        <SimpleTable columns={reviewColumns} rows={profile.reviews} testId="reviews" />
      </Section>
    </>
  );
};

/** "Not available to your role": what support sees where PHI would be. */
const NotAvailable = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" icon={<LockOutlinedIcon />} data-testid="phi-not-available">
      {translate(sk('profile.not_available'))}
    </Alert>
  );
};

const Hidden = () => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: 'text.secondary' }}>
      <LockOutlinedIcon fontSize="inherit" />
      <Typography variant="body2">{translate(sk('phi.hidden'))}</Typography>
    </Stack>
  );
};

/** Known parts of a record first, in this order; any other part after them. */
const RECORD_CONTENT_ORDER = ['notes', 'result', 'opinion', 'recommendations'];
const orderOf = (key: string) => {
  const index = RECORD_CONTENT_ORDER.indexOf(key);
  return index === -1 ? RECORD_CONTENT_ORDER.length : index;
};

const RecordContent = ({ content }: { content: PhiReveal['records'][number]['content'] }) => {
  const translate = useTranslate();
  return (
    <Box
      data-testid="record-content"
      sx={{
        bgcolor: (theme) => alpha(theme.palette.warning.main, 0.06),
        borderLeft: 3,
        borderColor: 'warning.main',
        pl: 1,
        py: 0.5,
      }}
    >
      {Object.entries(content)
        .filter(([, text]) => Boolean(text))
        .sort(([a], [b]) => orderOf(a) - orderOf(b))
        .map(([key, text]) => (
          <Box key={key} sx={{ mb: 0.5 }}>
            <Typography variant="caption" color="text.secondary">
              {translate(sk(`phi.content.${key}`), { _: key })}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {text}
            </Typography>
          </Box>
        ))}
    </Box>
  );
};

/** The reveal/hide toolbar over a PHI table (shown only to roles that may reveal it), then the table. */
function PhiTable<T extends { id: string }>({
  profile,
  rows,
  revealed,
  revealLabel,
  revealTestId,
  revealDisabled = false,
  hint,
  onReveal,
  onHide,
  ...table
}: {
  profile: SubjectProfile;
  rows: T[];
  revealed: boolean;
  revealLabel: string;
  revealTestId: string;
  revealDisabled?: boolean;
  /** Shown beside the reveal button (e.g. how to choose rows). */
  hint?: string;
  onReveal: () => void;
  onHide: () => void;
  columns: Column<T>[];
  testId: string;
}) {
  const translate = useTranslate();
  const canReveal = profile.can.revealPhi && rows.length > 0 && !profile.keyShredded;
  return (
    <>
      {canReveal && (
        <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
          <Button
            variant="contained"
            color="warning"
            startIcon={<VisibilityOutlinedIcon />}
            onClick={onReveal}
            disabled={revealDisabled}
            data-testid={revealTestId}
          >
            {translate(revealLabel)}
          </Button>
          {hint && (
            <Typography variant="body2" color="text.secondary">
              {translate(hint)}
            </Typography>
          )}
          {revealed && (
            <>
              <Chip color="warning" icon={<VisibilityOutlinedIcon />} label={translate(sk('phi.revealed'))} />
              <Button size="small" startIcon={<VisibilityOffOutlinedIcon />} onClick={onHide}>
                {translate(sk('phi.hide'))}
              </Button>
            </>
          )}
        </Stack>
      )}
      <SimpleTable rows={rows} {...table} />
    </>
  );
}

/** What the records and sensitive-data tabs get from the profile page. */
interface PhiTabProps {
  profile: SubjectProfile;
  phi: PhiState;
  onRevealPhi: OnRevealPhi;
  onHide: () => void;
}

/**
 * The list of records with their metadata; the DPO ticks the records the purpose needs and
 * reveals only those (each is named in the access log). Psychotherapy notes are never ticked
 * for them, and the dialog asks for an explicit yes when one is.
 */
export const RecordsTab = ({ profile, phi, onRevealPhi, onHide }: PhiTabProps) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  const [chosen, setChosen] = useState<string[]>([]);
  if (profile.records === null) return <NotAvailable />;
  const revealed = profile.records.some((r) => phi.records.has(r.id));
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((c) => c !== id)));
  const columns: Column<CounselingRecord>[] = [
    ...(profile.can.revealPhi
      ? [
          {
            key: 'choose',
            label: sk('phi.columns.choose'),
            render: (r: CounselingRecord) =>
              phi.records.has(r.id) ? null : (
                <Checkbox
                  size="small"
                  checked={chosen.includes(r.id)}
                  onChange={(event) => toggle(r.id, event.target.checked)}
                  slotProps={{ input: { 'aria-label': translate(sk('phi.choose_record')) } }}
                  data-testid="record-choose"
                  data-psychotherapy={r.psychotherapyNotes ? 'true' : 'false'}
                />
              ),
          },
        ]
      : []),
    {
      key: 'kind',
      label: sk('phi.columns.kind'),
      render: (r) => enumLabel('phi.record_kinds', r.kind),
      nowrap: true,
    },
    { key: 'session', label: sk('phi.columns.session'), render: (r) => format(r.sessionAt), nowrap: true },
    { key: 'ended', label: sk('phi.columns.ended'), render: (r) => format(r.counselingEndedAt), nowrap: true },
    { key: 'counselor', label: sk('phi.columns.counselor'), render: (r) => <PersonLink person={r.counselor} /> },
    {
      key: 'flag',
      label: sk('phi.columns.flag'),
      render: (r) =>
        r.psychotherapyNotes ? (
          <Tooltip title={translate(sk('phi.psychotherapy_notes_help'))}>
            <Chip
              size="small"
              color="secondary"
              label={translate(sk('phi.psychotherapy_notes'))}
              data-testid="psychotherapy-notes-flag"
            />
          </Tooltip>
        ) : (
          translate('app.none')
        ),
    },
    {
      key: 'content',
      label: sk('phi.columns.content'),
      render: (r) => {
        const content = phi.records.get(r.id);
        return content ? <RecordContent content={content} /> : <Hidden />;
      },
    },
  ];
  return (
    <PhiTable
      profile={profile}
      rows={profile.records}
      revealed={revealed}
      revealLabel={sk('phi.reveal_records')}
      revealTestId="reveal-records"
      revealDisabled={chosen.length === 0}
      hint={chosen.length === 0 ? sk('phi.choose_hint') : undefined}
      onReveal={() => {
        onRevealPhi('records', { recordIds: chosen });
        setChosen([]);
      }}
      onHide={onHide}
      columns={columns}
      testId="records"
    />
  );
};

export const SensitiveTab = ({ profile, phi, onRevealPhi, onHide }: PhiTabProps) => {
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  if (profile.sensitiveData === null) return <NotAvailable />;
  const revealed = profile.sensitiveData.some((s) => phi.sensitive.has(s.id));
  const columns: Column<SensitiveData>[] = [
    { key: 'category', label: sk('phi.columns.category'), render: (s) => enumLabel('phi.categories', s.category) },
    { key: 'recorded', label: sk('phi.columns.recorded'), render: (s) => format(s.recordedAt), nowrap: true },
    {
      key: 'content',
      label: sk('phi.columns.content'),
      render: (s) => {
        const content = phi.sensitive.get(s.id);
        return content !== undefined ? (
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="sensitive-content">
            {content}
          </Typography>
        ) : (
          <Hidden />
        );
      },
    },
  ];
  return (
    <PhiTable
      profile={profile}
      rows={profile.sensitiveData}
      revealed={revealed}
      revealLabel={sk('phi.reveal_sensitive')}
      revealTestId="reveal-sensitive"
      revealDisabled={(profile.sensitiveData ?? []).every((d) => phi.sensitive.has(d.id))}
      onReveal={() =>
        onRevealPhi('sensitive', {
          sensitiveDataIds: (profile.sensitiveData ?? []).filter((d) => !phi.sensitive.has(d.id)).map((d) => d.id),
        })
      }
      onHide={onHide}
      columns={columns}
      testId="sensitive-data"
    />
  );
};

/** A consent time, or "Missing" in red. */
const ConsentTime = ({ at, testId }: { at: string | null; testId: string }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  if (at) return <>{format(at)}</>;
  return (
    <Chip
      size="small"
      color="error"
      icon={<ErrorOutlineIcon />}
      label={translate(sk('recordings.missing'))}
      data-testid={testId}
    />
  );
};

export const RecordingsTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  const columns: Column<Recording>[] = [
    { key: 'media', label: sk('recordings.columns.media'), render: (r) => enumLabel('recordings.media', r.media) },
    { key: 'recorded', label: sk('recordings.columns.recorded'), render: (r) => format(r.recordedAt), nowrap: true },
    {
      key: 'duration',
      label: sk('recordings.columns.duration'),
      render: (r) =>
        translate(sk(r.durationSeconds % 60 === 0 ? 'recordings.minutes_only' : 'recordings.minutes'), {
          minutes: Math.floor(r.durationSeconds / 60),
          seconds: r.durationSeconds % 60,
        }),
      nowrap: true,
    },
    {
      key: 'client',
      label: sk('recordings.columns.client_consent'),
      render: (r) => <ConsentTime at={r.clientConsentAt} testId="missing-client-consent" />,
      nowrap: true,
    },
    {
      key: 'counselor',
      label: sk('recordings.columns.counselor_consent'),
      render: (r) => <ConsentTime at={r.counselorConsentAt} testId="missing-counselor-consent" />,
      nowrap: true,
    },
    {
      key: 'shared',
      label: sk('recordings.columns.shared'),
      render: (r) =>
        r.sharedWithSupervisorAt ? format(r.sharedWithSupervisorAt) : translate(sk('recordings.not_shared')),
      nowrap: true,
    },
    {
      key: 'supervision',
      label: sk('recordings.columns.supervision_consent'),
      // Missing matters only once the recording was shared.
      render: (r) =>
        r.sharedWithSupervisorAt ? (
          <ConsentTime at={r.supervisionConsentAt} testId="missing-supervision-consent" />
        ) : (
          format(r.supervisionConsentAt)
        ),
      nowrap: true,
    },
  ];
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(sk('recordings.intro'))}
      </Typography>
      <SimpleTable columns={columns} rows={profile.recordings} testId="recordings" />
    </>
  );
};

export const PaymentsTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  const [locale] = useLocaleState();
  const money = (p: Payment) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: p.currency }).format(Number(p.amount));
    } catch {
      return `${p.amount} ${p.currency}`;
    }
  };
  const columns: Column<Payment>[] = [
    { key: 'paid', label: sk('payments.columns.paid'), render: (p) => format(p.paidAt), nowrap: true },
    { key: 'amount', label: sk('payments.columns.amount'), render: money, nowrap: true },
    { key: 'method', label: sk('payments.columns.method'), render: (p) => enumLabel('payments.methods', p.method) },
    { key: 'gateway', label: sk('payments.columns.gateway'), render: (p) => p.gateway },
    {
      key: 'card',
      label: sk('payments.columns.card'),
      render: (p) => <Box sx={{ fontFamily: MONOSPACE }}>{p.cardMask ?? translate('app.none')}</Box>,
    },
    {
      key: 'status',
      label: sk('payments.columns.status'),
      render: (p) => (
        <Chip
          size="small"
          variant="outlined"
          color={p.status === 'paid' ? 'success' : p.status === 'failed' ? 'error' : 'default'}
          label={enumLabel('payments.statuses', p.status)}
        />
      ),
    },
  ];
  const fp = profile.financialProfile;
  return (
    <>
      <Section title={sk('profile.sections.payments')}>
        <SimpleTable columns={columns} rows={profile.payments} testId="payments" />
      </Section>
      <Section title={sk('profile.sections.financial')} testId="financial-profile">
        {fp ? (
          <FactGrid>
            <FactItem label={sk('payments.bank')}>{fp.bankName}</FactItem>
            <FactItem label={sk('payments.account')}>
              <Box sx={{ fontFamily: MONOSPACE }}>{fp.accountMask}</Box>
            </FactItem>
            <FactItem label={sk('payments.depositor')}>
              <Box sx={{ fontFamily: MONOSPACE }}>{fp.depositorMask}</Box>
            </FactItem>
            <FactItem label={sk('payments.tax_id')}>
              <Box sx={{ fontFamily: MONOSPACE }}>{fp.taxIdMask}</Box>
            </FactItem>
          </FactGrid>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate(sk('payments.no_financial'))}
          </Typography>
        )}
      </Section>
    </>
  );
};

export const DevicesTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const none = translate('app.none');
  const mono = (value: string | null) => <Box sx={{ fontFamily: MONOSPACE }}>{value ?? none}</Box>;
  const columns: Column<Device>[] = [
    {
      key: 'model',
      label: sk('devices.columns.model'),
      render: (d) => [d.model, d.os].filter(Boolean).join(' · ') || none,
    },
    { key: 'app', label: sk('devices.columns.app'), render: (d) => d.appVersion ?? none },
    { key: 'ip', label: sk('devices.columns.ip'), render: (d) => mono(d.ipMask) },
    { key: 'carrier', label: sk('devices.columns.carrier'), render: (d) => d.carrier ?? none },
    {
      key: 'place',
      label: sk('devices.columns.place'),
      render: (d) => [d.city, d.country].filter(Boolean).join(', ') || none,
    },
    { key: 'tz', label: sk('devices.columns.time_zone'), render: (d) => d.timeZone ?? none },
    { key: 'ad', label: sk('devices.columns.ad_id'), render: (d) => mono(d.advertisingIdMask) },
    { key: 'first', label: sk('devices.columns.first_seen'), render: (d) => format(d.firstSeenAt), nowrap: true },
    { key: 'last', label: sk('devices.columns.last_seen'), render: (d) => format(d.lastSeenAt), nowrap: true },
  ];
  const calendarColumns: Column<CalendarLink>[] = [
    {
      key: 'provider',
      label: sk('devices.calendar_columns.provider'),
      render: (c) => translate(sk(`providers.${c.provider}`), { _: c.provider }),
    },
    { key: 'account', label: sk('devices.calendar_columns.account'), render: (c) => mono(c.accountEmailMask) },
    { key: 'events', label: sk('devices.calendar_columns.events'), render: (c) => c.eventsSynced },
    { key: 'linked', label: sk('devices.calendar_columns.linked'), render: (c) => format(c.linkedAt), nowrap: true },
    {
      key: 'synced',
      label: sk('devices.calendar_columns.last_synced'),
      render: (c) => format(c.lastSyncedAt),
      nowrap: true,
    },
    {
      key: 'unlinked',
      label: sk('devices.calendar_columns.unlinked'),
      render: (c) => format(c.unlinkedAt),
      nowrap: true,
    },
  ];
  return (
    <>
      <Section title={sk('profile.sections.devices')}>
        <SimpleTable columns={columns} rows={profile.devices} testId="devices" />
      </Section>
      <Section title={sk('profile.sections.calendar')}>
        <SimpleTable columns={calendarColumns} rows={profile.calendarLinks} testId="calendar-links" />
      </Section>
    </>
  );
};

export const AccountActionsTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  const checkColumns: Column<IdentityCheck>[] = [
    { key: 'checked', label: sk('checks.columns.checked'), render: (c) => format(c.checkedAt), nowrap: true },
    { key: 'method', label: sk('checks.columns.method'), render: (c) => enumLabel('checks.methods', c.method) },
    { key: 'evidence', label: sk('checks.columns.evidence'), render: (c) => c.evidenceRef },
    { key: 'note', label: sk('checks.columns.note'), render: (c) => c.note ?? translate('app.none') },
    { key: 'staff', label: sk('checks.columns.staff'), render: (c) => c.staff?.name ?? translate('app.none') },
    {
      key: 'valid',
      label: sk('checks.columns.valid'),
      render: (c) =>
        c.valid ? (
          <Chip
            size="small"
            color="success"
            variant="outlined"
            label={translate(sk('checks.valid_now'), { time: format(c.validUntil) })}
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate(sk('checks.expired'))}
          </Typography>
        ),
      nowrap: true,
    },
  ];
  const actionColumns: Column<AccountActionRecord>[] = [
    { key: 'when', label: sk('actions_history.columns.when'), render: (a) => format(a.createdAt), nowrap: true },
    {
      key: 'action',
      label: sk('actions_history.columns.action'),
      render: (a) => enumLabel('tools.action_names', a.action),
    },
    {
      key: 'status',
      label: sk('actions_history.columns.status'),
      render: (a) => (
        <Chip
          size="small"
          variant="outlined"
          color={a.status === 'done' ? 'success' : 'warning'}
          label={enumLabel('actions_history.statuses', a.status)}
        />
      ),
    },
    { key: 'reason', label: sk('actions_history.columns.reason'), render: (a) => a.reason },
    { key: 'staff', label: sk('actions_history.columns.staff'), render: (a) => a.staff?.name ?? translate('app.none') },
  ];
  return (
    <>
      <Section title={sk('profile.sections.actions')}>
        <SimpleTable columns={actionColumns} rows={profile.accountActions} testId="account-actions" />
      </Section>
      <Section title={sk('profile.sections.checks')}>
        <SimpleTable columns={checkColumns} rows={profile.identityChecks} testId="identity-checks" />
      </Section>
    </>
  );
};

export const AccessHistoryTab = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const history = useQuery({
    queryKey: ['subjects', 'accessHistory', { id: profile.id }],
    queryFn: ({ signal }) => subjectApi.accessHistory(profile.id, signal),
    refetchOnWindowFocus: false,
  });
  if (history.isPending) {
    return <Typography variant="body2">{translate('app.loading')}</Typography>;
  }
  if (history.isError) return <ProblemAlert error={history.error} />;
  const rows = history.data.map((event) => ({ ...event, id: event.seq }));
  const columns: Column<SubjectAccessEvent & { id: number }>[] = [
    {
      key: 'time',
      label: sk('history.columns.time'),
      render: (e) => <Link to={`/access-log/${e.seq}/show`}>{format(e.time)}</Link>,
      nowrap: true,
    },
    {
      key: 'actor',
      label: sk('history.columns.actor'),
      // By name and role, as the access log shows them (the role and short id until the name is known).
      render: (e) => (
        <RecordContextProvider value={e}>
          <ActorField />
        </RecordContextProvider>
      ),
      nowrap: true,
    },
    {
      key: 'action',
      label: sk('history.columns.action'),
      render: (e) => (
        <Chip
          size="small"
          variant="outlined"
          color={e.action === 'reveal' ? 'warning' : e.action === 'deny' ? 'error' : 'default'}
          label={translate(`app.access_log.actions.${e.action}`, { _: e.action })}
        />
      ),
    },
    {
      key: 'resource',
      label: sk('history.columns.resource'),
      render: (e) => translate(`app.access_log.resources.${e.resource}`, { _: e.resource }),
    },
    {
      key: 'fields',
      label: sk('history.columns.fields'),
      render: (e) =>
        e.fields?.length
          ? e.fields.map((field) => translate(sk(`history.fields.${field}`), { _: field })).join(', ')
          : translate('app.none'),
    },
    { key: 'purpose', label: sk('history.columns.purpose'), render: (e) => e.purpose ?? translate('app.none') },
    {
      key: 'outcome',
      label: sk('history.columns.outcome'),
      render: (e) => (
        <Chip
          size="small"
          // A step-up prompt is no refusal: shown as a request, not in red.
          color={e.outcome === 'success' ? 'success' : e.outcome === 'step_up_required' ? 'info' : 'error'}
          variant={e.outcome === 'denied' || e.outcome === 'failure' ? 'filled' : 'outlined'}
          label={translate(`app.access_log.outcomes.${e.outcome}`, { _: e.outcome })}
        />
      ),
    },
  ];
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(sk('history.intro'))}
      </Typography>
      <NamesProvider staff={rows.map((e) => e.actorId)} subjects={[]}>
        <SimpleTable
          columns={columns}
          rows={rows}
          testId="access-history"
          empty={sk('history.none')}
          rowProps={(e) => ({ 'data-action': e.action })}
        />
      </NamesProvider>
    </>
  );
};
