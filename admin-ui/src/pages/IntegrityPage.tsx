import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import VerifiedUserOutlinedIcon from '@mui/icons-material/VerifiedUserOutlined';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  RecordContextProvider,
  Title,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useTranslate,
} from 'react-admin';
import { Fact, Panel } from '../components/Panel';
import { ProblemAlert, useErrorMessage } from '../components/ProblemAlert';
import { RequireAccess } from '../components/RequireAccess';
import type { ConsoleDataProvider } from '../providers/data';
import { ActorField, Mono, ShortId, useFormatLogTime } from '../resources/access-log/accessLogFields';
import { NamesProvider } from '../resources/access-log/logNames';
import type { TreeHead, Verification, VerificationResult } from '../types';

/** The heads table shows the newest ones only; a head is published every second while events arrive. */
const HEADS_SHOWN = 50;

const RESULT_COLOR: Record<VerificationResult, 'success' | 'error' | 'warning'> = {
  intact: 'success',
  tampered: 'error',
  error: 'warning',
};

const LATEST_KEY = ['access-log', 'verifications', 'latest'];
const HEADS_KEY = ['access-log', 'heads'];

const Loading = () => {
  const translate = useTranslate();
  return <CircularProgress size={24} aria-label={translate('app.loading')} />;
};

const LatestHead = ({ head }: { head: TreeHead | undefined }) => {
  const translate = useTranslate();
  const format = useFormatLogTime();
  if (!head) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.integrity.no_head')}
      </Typography>
    );
  }
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1.5 }}>
        <Fact label="app.integrity.size">
          <Box component="span" sx={{ typography: 'h6' }} data-testid="latest-head-size">
            {head.treeSize.toLocaleString()}
          </Box>
        </Fact>
        <Fact label="app.integrity.time">{format(head.timestamp)}</Fact>
        <Fact label="app.integrity.key_id">
          <Mono>{head.keyId}</Mono>
        </Fact>
      </Stack>
      <Fact label="app.integrity.root">
        <Mono>{head.rootHash}</Mono>
      </Fact>
    </Stack>
  );
};

const VerificationView = ({ verification }: { verification: Verification }) => {
  const translate = useTranslate();
  const format = useFormatLogTime();
  const by = verification.requestedBy;
  return (
    <Stack spacing={1.5}>
      <Alert severity={RESULT_COLOR[verification.result]} icon={false} sx={{ alignItems: 'center' }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Chip
            color={RESULT_COLOR[verification.result]}
            label={translate(`app.integrity.result.${verification.result}`, { _: verification.result })}
            data-testid="verification-result"
            data-result={verification.result}
            sx={{ fontWeight: 600 }}
          />
          <span>{translate(`app.integrity.result_help.${verification.result}`, { _: '' })}</span>
        </Stack>
      </Alert>
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1.5 }}>
        <Fact label="app.integrity.started">{format(verification.startedAt)}</Fact>
        <Fact label="app.integrity.finished">{format(verification.finishedAt) || translate('app.none')}</Fact>
        <Fact label="app.integrity.by">
          {by ? (
            // By name and role, as the access log names staff (the short id until the name is known).
            <NamesProvider staff={[by]} subjects={[]}>
              <RecordContextProvider value={{ id: verification.id, actorId: by, actorRole: null }}>
                <span data-testid="verification-by">
                  <ActorField />
                </span>
              </RecordContextProvider>
            </NamesProvider>
          ) : (
            translate('app.none')
          )}
        </Fact>
        <Fact label="app.integrity.tree_size">{verification.treeSize.toLocaleString()}</Fact>
        <Fact label="app.integrity.checked">
          {verification.checked === null ? translate('app.none') : verification.checked.toLocaleString()}
        </Fact>
        <Fact label="app.integrity.mode.label">
          <span data-testid="verification-mode" data-mode={verification.mode}>
            {translate(`app.integrity.mode.${verification.mode}`)}
            {verification.fromSeq !== null && verification.toSeq !== null && verification.toSeq >= verification.fromSeq
              ? ` · #${verification.fromSeq.toLocaleString()}–#${verification.toSeq.toLocaleString()}`
              : ''}
          </span>
        </Fact>
        <Fact label="app.integrity.unsigned_tail">
          <span data-testid="unsigned-tail">{verification.unsignedTail.toLocaleString()}</span>
        </Fact>
      </Stack>
      <Box>
        <Typography variant="subtitle2" component="h3">
          {translate('app.integrity.problems')}
        </Typography>
        {verification.problems.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.integrity.no_problems')}
          </Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="verification-problems">
            {verification.problems.map((problem, index) => (
              <li key={`${index}:${problem.kind}:${problem.seq ?? ''}`}>
                <Typography variant="body2" component="span" color="error">
                  {problem.seq !== null && problem.seq !== undefined
                    ? `${translate('app.integrity.problem_at', { seq: problem.seq })} · `
                    : ''}
                  <Mono>{problem.kind}</Mono>
                </Typography>{' '}
                <Typography variant="body2" component="span">
                  {problem.message}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Stack>
  );
};

const LastVerification = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess: canVerify } = useCanAccess({ resource: 'access-log', action: 'verify' });
  const { identity } = useGetIdentity();

  const latest = useQuery({ queryKey: LATEST_KEY, queryFn: () => dataProvider.getLatestVerification() });
  const verify = useMutation({
    mutationFn: (full: boolean) =>
      dataProvider.verifyAccessLog(identity ? { requestedBy: String(identity.id) } : undefined, { full }),
    onSuccess: ({ data }) => {
      queryClient.setQueryData(LATEST_KEY, { data });
      void queryClient.invalidateQueries({ queryKey: HEADS_KEY });
      notify('app.integrity.verified', {
        type: data.result === 'intact' ? 'success' : 'error',
        messageArgs: { result: translate(`app.integrity.result.${data.result}`, { _: data.result }) },
      });
    },
  });

  const verification = latest.data?.data ?? null;

  return (
    <Panel title={translate('app.integrity.last_verification')} testId="last-verification">
      {latest.isPending ? (
        <Loading />
      ) : latest.isError ? (
        <Typography variant="body2" color="error">
          {errorMessage(latest.error)}
        </Typography>
      ) : verification ? (
        <VerificationView verification={verification} />
      ) : (
        <Typography variant="body2" color="text.secondary" data-testid="never-verified">
          {translate('app.integrity.never_verified')}
        </Typography>
      )}
      {canVerify && (
        <Box sx={{ mt: 2 }}>
          <ProblemAlert error={verify.error} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <Button
              variant="contained"
              startIcon={
                verify.isPending ? <CircularProgress size={18} color="inherit" /> : <VerifiedUserOutlinedIcon />
              }
              disabled={verify.isPending}
              onClick={() => verify.mutate(false)}
              data-testid="verify-now"
              sx={{ flexShrink: 0 }}
            >
              {translate(verify.isPending ? 'app.integrity.verifying' : 'app.integrity.verify')}
            </Button>
            <Button
              variant="outlined"
              disabled={verify.isPending}
              onClick={() => verify.mutate(true)}
              data-testid="verify-full"
              sx={{ flexShrink: 0 }}
            >
              {translate('app.integrity.verify_full')}
            </Button>
            <Typography variant="caption" color="text.secondary">
              {translate('app.integrity.verify_help')}
            </Typography>
          </Stack>
        </Box>
      )}
    </Panel>
  );
};

const HeadsTable = ({ heads }: { heads: TreeHead[] }) => {
  const translate = useTranslate();
  const format = useFormatLogTime();
  if (heads.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.integrity.no_heads')}
      </Typography>
    );
  }
  const shown = heads.slice(0, HEADS_SHOWN);
  return (
    <>
      <TableContainer>
        <Table size="small" data-testid="heads-table">
          <TableHead>
            <TableRow>
              <TableCell align="right">{translate('app.integrity.size')}</TableCell>
              <TableCell>{translate('app.integrity.time')}</TableCell>
              <TableCell>{translate('app.integrity.root')}</TableCell>
              <TableCell>{translate('app.integrity.key_id')}</TableCell>
              <TableCell>{translate('app.integrity.signature')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((head) => (
              <TableRow key={`${head.treeSize}:${head.timestamp}`}>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {head.treeSize.toLocaleString()}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{format(head.timestamp)}</TableCell>
                <TableCell>
                  <ShortId value={head.rootHash} />
                </TableCell>
                <TableCell>
                  <Mono>{head.keyId}</Mono>
                </TableCell>
                <TableCell>
                  <ShortId value={head.signature} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {heads.length > shown.length && (
        <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 1 }}>
          {translate('app.integrity.heads_shown', { shown: shown.length, total: heads.length })}
        </Typography>
      )}
    </>
  );
};

const IntegrityView = () => {
  const translate = useTranslate();
  const errorMessage = useErrorMessage();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const heads = useQuery({ queryKey: HEADS_KEY, queryFn: () => dataProvider.getAccessLogHeads() });
  const headList = heads.data?.data ?? [];

  const headsContent = (content: (list: TreeHead[]) => ReactNode) =>
    heads.isPending ? (
      <Loading />
    ) : heads.isError ? (
      <Typography variant="body2" color="error">
        {errorMessage(heads.error)}
      </Typography>
    ) : (
      content(headList)
    );

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="integrity">
      <Title title="app.integrity.title" />
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {translate('app.integrity.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {translate('app.integrity.intro')}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <Panel title={translate('app.integrity.latest_head')} testId="latest-head">
            {headsContent((list) => (
              <LatestHead head={list[0]} />
            ))}
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <LastVerification />
        </Grid>
        <Grid size={12}>
          <Panel title={translate('app.integrity.heads')} testId="heads">
            {headsContent((list) => (
              <HeadsTable heads={list} />
            ))}
          </Panel>
        </Grid>
      </Grid>
    </Box>
  );
};

export const IntegrityPage = () => (
  <RequireAccess resource="access-log" action="read">
    <IntegrityView />
  </RequireAccess>
);
