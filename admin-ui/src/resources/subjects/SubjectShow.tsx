import { useState, type ReactNode } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Divider,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Link, Title, useCanAccess, useGetOne, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { ShortId } from '../access-log/accessLogFields';
import { FindingWorkLine } from '../compliance-findings/findingFields';
import { AccountTools } from './AccountTools';
import { PhiRevealDialog, RevealDialog, type PhiTarget } from './RevealDialogs';
import {
  AccessHistoryTab,
  AccountActionsTab,
  AccountTab,
  BookingsTab,
  ConsentsTab,
  DevicesTab,
  FamilyTab,
  PaymentsTab,
  RecordingsTab,
  RecordsTab,
  SensitiveTab,
  type PhiState,
  type RevealedValues,
} from './ProfileTabs';
import {
  KindChip,
  ServiceLabel,
  StatusChip,
  sk,
  useAge,
  useFormatDateTime,
  useSubjectErrorMessage,
} from './subjectFields';
import {
  REVEALABLE_FIELDS,
  type FindingKind,
  type PhiReveal,
  type PhiSelection,
  type RevealableField,
  type SubjectProfile,
} from './types';

type TabKey =
  | 'account'
  | 'family'
  | 'consents'
  | 'bookings'
  | 'records'
  | 'sensitive'
  | 'recordings'
  | 'payments'
  | 'devices'
  | 'account_actions'
  | 'access_history';

/** Where the data behind each kind of finding is shown. */
const FINDING_TABS: Record<FindingKind, TabKey> = {
  recording_without_both_consents: 'recordings',
  phi_without_consent: 'consents',
  child_without_guardian_consent: 'family',
  supervision_sharing_without_consent: 'recordings',
};

/** The list answer pre-fills react-admin's cache for a moment; only the full profile is rendered. */
const isProfile = (record: unknown): record is SubjectProfile =>
  typeof record === 'object' &&
  record !== null &&
  'can' in record &&
  Array.isArray((record as SubjectProfile).consents);

const FindingsPanel = ({ profile, onShow }: { profile: SubjectProfile; onShow: (tab: TabKey) => void }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const childName = (id: string) => profile.children.find((child) => child.id === id)?.name ?? id.slice(0, 8);
  const { canAccess: canWork } = useCanAccess({ resource: 'compliance-findings', action: 'edit' });
  if (profile.findings.length === 0) return null;
  return (
    <Alert
      severity="warning"
      icon={<WarningAmberIcon />}
      sx={{ mb: 2, '& .MuiAlert-message': { width: '100%' } }}
      data-testid="subject-findings"
    >
      <AlertTitle>{translate(sk('findings.title'), { smart_count: profile.findings.length })}</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate(sk('findings.intro'))}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {profile.findings.map((finding) => {
          const tab = FINDING_TABS[finding.kind as FindingKind];
          return (
            <li key={`${finding.kind}:${finding.ref}`} data-testid="subject-finding" data-kind={finding.kind}>
              <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                {translate(`resources.compliance-findings.kinds.${finding.kind}`, { _: finding.kind })}
              </Typography>
              <Typography variant="body2" component="span">
                {' — '}
                {translate(`resources.compliance-findings.explain.${finding.kind}`, { _: '' })}
                {finding.since ? ` (${translate(sk('findings.since'), { time: format(finding.since) })})` : ''}
              </Typography>
              {finding.subjectId !== profile.id ? (
                <Button
                  size="small"
                  color="inherit"
                  component={Link}
                  to={`/subjects/${encodeURIComponent(finding.subjectId)}/show`}
                  sx={{ ml: 1, py: 0 }}
                >
                  {translate(sk('findings.open_child'), { name: childName(finding.subjectId) })}
                </Button>
              ) : (
                tab && (
                  <Button size="small" color="inherit" sx={{ ml: 1, py: 0 }} onClick={() => onShow(tab)}>
                    {translate(sk('findings.show'))}
                  </Button>
                )
              )}
              <FindingWorkLine finding={finding} canOpen={canWork === true} />
            </li>
          );
        })}
      </Box>
    </Alert>
  );
};

const Header = ({ profile, revealedName }: { profile: SubjectProfile; revealedName: string | null }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const age = useAge();
  return (
    <CardContent sx={{ pb: 1 }}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1.5}
        sx={{ alignItems: { sm: 'center' }, flexWrap: 'wrap' }}
      >
        <Typography variant="h5" component="h1" data-testid="subject-title">
          {revealedName ?? profile.name}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <KindChip kind={profile.kind} />
          <StatusChip status={profile.status} />
        </Stack>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        <ServiceLabel service={profile.service} /> · {age(profile.age)} · {translate(sk('fields.createdAt'))}{' '}
        {format(profile.createdAt)} · {translate(sk('profile.short_id'))} <ShortId value={profile.id} />
      </Typography>
      <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 1, maxWidth: 900 }}>
        {translate(sk('profile.masked_note'))}
      </Typography>
      {profile.keyShredded && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="key-shredded">
          {translate(sk('profile.key_shredded'))}
        </Alert>
      )}
    </CardContent>
  );
};

const TabPanel = ({ active, children }: { active: boolean; children: ReactNode }) =>
  active ? (
    <Box role="tabpanel" sx={{ p: 2, minWidth: 0 }}>
      {children}
    </Box>
  ) : null;

const EMPTY_PHI: PhiState = { records: new Map(), sensitive: new Map(), topics: new Map() };

/** Whether the profile has a value of this field to reveal. */
const hasValue = (profile: SubjectProfile, field: RevealableField): boolean => {
  switch (field) {
    case 'birthDate':
      return profile.age !== null;
    case 'providerNicknames':
      return profile.socialLinks.some((l) => l.providerNickname !== null);
    case 'name':
    case 'email':
    case 'phone':
    case 'nickname':
      return profile[field] !== null;
  }
};

/**
 * One person's profile. Revealed values and revealed PHI live in this component's state only:
 * not in react-admin's store or query cache, and gone when the page is left (the component is
 * keyed by the subject id, so moving to another person starts empty too).
 */
const SubjectProfileView = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const [tab, setTab] = useState<TabKey>('account');
  const [revealed, setRevealed] = useState<RevealedValues>({});
  const [phi, setPhi] = useState<PhiState>(EMPTY_PHI);
  const [revealing, setRevealing] = useState<RevealableField | null>(null);
  const [phiRequest, setPhiRequest] = useState<{ target: PhiTarget; selection: PhiSelection } | null>(null);
  const onRevealPhi = (target: PhiTarget, selection: PhiSelection) => setPhiRequest({ target, selection });

  const showFamily = profile.kind === 'guardian' || profile.kind === 'child' || profile.children.length > 0;
  // The most-used tabs come first (support's account actions, the access history), so they are in
  // view at 1440 px without scrolling the tab bar; the record tabs follow.
  const tabs: { key: TabKey; label: string; warn?: boolean }[] = (
    [
      { key: 'account', label: 'account' },
      { key: 'account_actions', label: 'account_actions' },
      ...(profile.can.accessHistory ? [{ key: 'access_history' as const, label: 'access_history' }] : []),
      ...(showFamily
        ? [
            {
              key: 'family' as const,
              label: profile.kind === 'child' ? 'family_guardian' : 'family_children',
            },
          ]
        : []),
      { key: 'consents', label: 'consents' },
      { key: 'bookings', label: 'bookings' },
      { key: 'records', label: 'records' },
      { key: 'sensitive', label: 'sensitive' },
      { key: 'recordings', label: 'recordings' },
      { key: 'payments', label: 'payments' },
      { key: 'devices', label: 'devices' },
    ] as { key: TabKey; label: string }[]
  ).map((t) => ({
    ...t,
    warn: profile.findings.some((f) => FINDING_TABS[f.kind as FindingKind] === t.key),
  }));

  const available = REVEALABLE_FIELDS.filter(
    (field) => profile.can.reveal.includes(field) && !(field in revealed) && hasValue(profile, field),
  );

  const onPhiRevealed = (result: PhiReveal) =>
    setPhi((current) => ({
      records: new Map([...current.records, ...result.records.map((r) => [r.id, r.content] as const)]),
      sensitive: new Map([...current.sensitive, ...result.sensitiveData.map((s) => [s.id, s.content] as const)]),
      topics: new Map([...current.topics, ...result.bookingTopics.map((t) => [t.id, t.topic] as const)]),
      counselingInterest:
        result.counselingInterest !== undefined ? result.counselingInterest : current.counselingInterest,
    }));

  return (
    <Box sx={{ mt: 1, mb: 2 }} data-testid="subject-profile" data-subject-id={profile.id}>
      <Title title={translate(sk('profile.title'), { name: revealed.name ?? profile.name })} />
      <Button component={Link} to="/subjects" size="small" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {translate(sk('profile.back'))}
      </Button>
      <FindingsPanel profile={profile} onShow={setTab} />
      <Card variant="outlined" sx={{ minWidth: 0 }}>
        <Header profile={profile} revealedName={revealed.name ?? null} />
        {profile.can.accountAction && (
          <CardContent sx={{ pt: 0 }}>
            <AccountTools profile={profile} />
          </CardContent>
        )}
        <Divider />
        <Tabs
          value={tab}
          onChange={(_event, value: TabKey) => setTab(value)}
          variant="scrollable"
          scrollButtons="auto"
          allowScrollButtonsMobile
          sx={{ borderBottom: 1, borderColor: 'divider' }}
        >
          {tabs.map((t) => (
            <Tab
              key={t.key}
              value={t.key}
              label={translate(sk(`profile.tabs.${t.label}`))}
              icon={t.warn ? <WarningAmberIcon fontSize="small" color="warning" /> : undefined}
              iconPosition="end"
              sx={{ minHeight: 48 }}
              data-testid={`subject-tab-${t.key}`}
            />
          ))}
        </Tabs>
        <TabPanel active={tab === 'account'}>
          <AccountTab
            profile={profile}
            revealed={revealed}
            onReveal={setRevealing}
            onHide={(field) =>
              setRevealed((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== field)))
            }
            phi={phi}
            onRevealPhi={onRevealPhi}
          />
        </TabPanel>
        <TabPanel active={tab === 'family'}>
          <FamilyTab profile={profile} />
        </TabPanel>
        <TabPanel active={tab === 'consents'}>
          <ConsentsTab profile={profile} />
        </TabPanel>
        <TabPanel active={tab === 'bookings'}>
          <BookingsTab profile={profile} phi={phi} onRevealPhi={onRevealPhi} />
        </TabPanel>
        <TabPanel active={tab === 'records'}>
          <RecordsTab
            profile={profile}
            phi={phi}
            onRevealPhi={onRevealPhi}
            onHide={() => setPhi((current) => ({ ...current, records: new Map() }))}
          />
        </TabPanel>
        <TabPanel active={tab === 'sensitive'}>
          <SensitiveTab
            profile={profile}
            phi={phi}
            onRevealPhi={onRevealPhi}
            onHide={() => setPhi((current) => ({ ...current, sensitive: new Map() }))}
          />
        </TabPanel>
        <TabPanel active={tab === 'recordings'}>
          <RecordingsTab profile={profile} />
        </TabPanel>
        <TabPanel active={tab === 'payments'}>
          <PaymentsTab profile={profile} />
        </TabPanel>
        <TabPanel active={tab === 'devices'}>
          <DevicesTab profile={profile} />
        </TabPanel>
        <TabPanel active={tab === 'account_actions'}>
          <AccountActionsTab profile={profile} />
        </TabPanel>
        {profile.can.accessHistory && (
          <TabPanel active={tab === 'access_history'}>
            <AccessHistoryTab profile={profile} />
          </TabPanel>
        )}
      </Card>
      {revealing && (
        <RevealDialog
          profile={profile}
          initialField={revealing}
          available={available.includes(revealing) ? available : [revealing, ...available]}
          onClose={() => setRevealing(null)}
          onRevealed={(values) => setRevealed((current) => ({ ...current, ...values }))}
        />
      )}
      {phiRequest && (
        <PhiRevealDialog
          profile={profile}
          target={phiRequest.target}
          selection={phiRequest.selection}
          onClose={() => setPhiRequest(null)}
          onRevealed={onPhiRevealed}
        />
      )}
    </Box>
  );
};

const SubjectShowView = () => {
  const translate = useTranslate();
  const errorMessage = useSubjectErrorMessage();
  const { id = '' } = useParams<{ id: string }>();
  // Every load is a logged view: no refetch on focus, no retry.
  const { data, error, isPending } = useGetOne<SubjectProfile & { id: string }>(
    'subjects',
    { id },
    { refetchOnWindowFocus: false, retry: false },
  );
  if (error) {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title={sk('name')} />
        <Alert severity="error" data-testid="subject-load-error">
          {errorMessage(error)}
        </Alert>
        <Button component={Link} to="/subjects" startIcon={<ArrowBackIcon />} sx={{ mt: 2 }}>
          {translate(sk('profile.back'))}
        </Button>
      </Box>
    );
  }
  if (isPending || !isProfile(data)) {
    return (
      <Typography variant="body2" sx={{ m: 2 }}>
        {translate(sk('profile.loading'))}
      </Typography>
    );
  }
  return <SubjectProfileView key={data.id} profile={data} />;
};

export const SubjectShow = () => (
  <RequireAccess resource="subjects" action="show">
    <SubjectShowView />
  </RequireAccess>
);
