import { useState } from 'react';
import { Box, Button, Grid, Stack, Typography } from '@mui/material';
import { Link, Loading, ShowBase, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Fact, Panel } from '../../components/Panel';
import { RequireAccess } from '../../components/RequireAccess';
import { useDates } from '../../i18n/dates';
import { complaintApi } from './complaintApi';
import { ck, SeverityChip, StatusChip, TargetChip, useComplaintError } from './complaintFields';
import { AssignDialog, EscalateDialog, ResolveDialog } from './ComplaintDialogs';
import type { ComplaintDetail } from './complaintTypes';

type Dialog = 'resolve' | 'escalate' | 'assign' | null;

const Actions = ({ complaint, onChanged }: { complaint: ComplaintDetail; onChanged: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useComplaintError();
  const [open, setOpen] = useState<Dialog>(null);
  const done = () => {
    setOpen(null);
    onChanged();
  };
  const move = (status: 'open' | 'investigating' | 'closed') => async () => {
    try {
      await complaintApi.setStatus(complaint.id, status);
      onChanged();
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    }
  };
  const { can, status } = complaint;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }} data-testid="complaint-actions">
      {can.update && status === 'open' && (
        <Button variant="outlined" onClick={() => void move('investigating')()} data-testid="complaint-investigate">
          {translate(ck('actions.investigate'))}
        </Button>
      )}
      {can.update && status === 'investigating' && (
        <Button variant="outlined" onClick={() => void move('open')()}>
          {translate(ck('actions.reopen'))}
        </Button>
      )}
      {can.assign && (
        <Button variant="outlined" onClick={() => setOpen('assign')} data-testid="complaint-assign">
          {translate(ck('actions.assign'))}
        </Button>
      )}
      {can.escalate && (
        <Button variant="outlined" color="warning" onClick={() => setOpen('escalate')} data-testid="complaint-escalate">
          {translate(ck('actions.escalate'))}
        </Button>
      )}
      {can.resolve && (
        <Button variant="contained" color="success" onClick={() => setOpen('resolve')} data-testid="complaint-resolve">
          {translate(ck('actions.resolve'))}
        </Button>
      )}
      {can.close && (
        <Button variant="outlined" onClick={() => void move('closed')()} data-testid="complaint-close">
          {translate(ck('actions.close'))}
        </Button>
      )}
      {open === 'resolve' && <ResolveDialog complaint={complaint} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'escalate' && <EscalateDialog complaint={complaint} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'assign' && <AssignDialog complaint={complaint} onClose={() => setOpen(null)} onDone={done} />}
    </Stack>
  );
};

/** One line of the timeline, from the event's codes (the event holds no complaint text). */
const useEventText = () => {
  const translate = useTranslate();
  const status = (value: unknown) => translate(ck(`statuses.${String(value)}`), { _: String(value) });
  return (event: ComplaintDetail['events'][number]): string => {
    const d = event.detail;
    switch (event.kind) {
      case 'received':
        return translate(ck('events.received'), { channel: translate(ck(`channels.${String(d.channel)}`)) });
      case 'updated':
        return translate(ck('events.updated'), {
          fields: Object.keys(d)
            .map((f) => translate(ck(`fields.${f}`), { _: f }))
            .join(', '),
        });
      case 'assigned':
        return d.to === null
          ? translate(ck('events.unassigned'))
          : translate(ck('events.assigned'), { to: String(d.toName ?? '') });
      case 'status_changed':
        return translate(ck('events.status_changed'), { from: status(d.from), to: status(d.to) });
      case 'escalated':
        return translate(ck('events.escalated'), { body: translate(ck(`bodies_short.${String(d.body)}`)) });
      case 'resolved':
        return translate(ck('events.resolved'), {
          timing: translate(ck(d.onTime === true ? 'target.on_time' : 'target.late')),
        });
      default:
        return event.kind;
    }
  };
};

const ComplaintView = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { format } = useDates();
  const eventText = useEventText();
  const complaint = useRecordContext<ComplaintDetail>();
  // Until the detail arrives, react-admin may hand over the list's row (no timeline, no rights).
  if (!complaint || !Array.isArray(complaint.events)) return <Loading />;
  const none = translate('app.none');
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1200 }} data-testid="complaint-show">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ mr: 1 }} data-testid="complaint-title">
          {translate(ck('show_title'), { reference: complaint.reference })}
        </Typography>
        <StatusChip status={complaint.status} />
        <SeverityChip severity={complaint.severity} />
        <TargetChip complaint={complaint} />
      </Stack>
      <Box sx={{ mb: 2 }}>
        <Actions complaint={complaint} onChanged={refresh} />
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <Panel title={translate(ck('panels.facts'))} testId="complaint-facts">
            <Stack spacing={1}>
              <Fact label={ck('fields.receivedAt')}>{format(complaint.receivedAt, 'dateTime')}</Fact>
              <Fact label={ck('fields.channel')}>{translate(ck(`channels.${complaint.channel}`))}</Fact>
              <Fact label={ck('fields.category')}>{translate(ck(`categories.${complaint.category}`))}</Fact>
              <Fact label={ck('fields.targetOn')}>{format(complaint.targetOn, 'dateWithWeekday')}</Fact>
              <Fact label={ck('fields.subject')}>
                {complaint.subject === null ? (
                  none
                ) : (
                  <Link to={`/subjects/${encodeURIComponent(complaint.subject.id)}/show`}>
                    {complaint.subject.name}
                  </Link>
                )}
              </Fact>
              <Fact label={ck('fields.rightsRequestId')}>{complaint.rightsRequestId ?? none}</Fact>
              <Fact label={ck('fields.incidentId')}>{complaint.incidentId ?? none}</Fact>
              <Fact label={ck('fields.assignee')}>
                <span data-testid="complaint-assignee">
                  {complaint.assignee?.displayName ?? translate(ck('unassigned'))}
                </span>
              </Fact>
              <Fact label={ck('fields.createdBy')}>{complaint.createdBy.displayName}</Fact>
              {complaint.resolvedAt !== null && (
                <Fact label={ck('fields.resolvedAt')}>{format(complaint.resolvedAt, 'dateTime')}</Fact>
              )}
            </Stack>
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            <Panel title={translate(ck('panels.summary'))} testId="complaint-summary">
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {complaint.summary ?? translate(ck('hidden_text'))}
              </Typography>
            </Panel>
            {complaint.resolvedAt !== null && (
              <Panel title={translate(ck('panels.resolution'))} testId="complaint-resolution">
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {complaint.resolution ?? translate(ck('hidden_text'))}
                </Typography>
              </Panel>
            )}
            <Panel title={translate(ck('panels.escalations'))} testId="complaint-escalations">
              {complaint.escalations.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate(ck('no_escalations'))}
                </Typography>
              ) : (
                <Stack spacing={1.5}>
                  {complaint.escalations.map((e) => (
                    <Box key={e.id} data-testid="complaint-escalation">
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {translate(ck(`bodies.${e.body}`))}
                        {e.authority !== null ? ` · ${e.authority}` : ''}
                      </Typography>
                      <Typography variant="caption" color="text.secondary" component="p">
                        {format(e.escalatedAt, 'dateTime')} · {e.createdBy.displayName}
                        {e.reference !== null ? ` · ${e.reference}` : ''}
                      </Typography>
                      {e.note && (
                        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                          {e.note}
                        </Typography>
                      )}
                    </Box>
                  ))}
                </Stack>
              )}
            </Panel>
            <Panel title={translate(ck('panels.timeline'))} testId="complaint-timeline">
              <Stack component="ol" spacing={1} sx={{ m: 0, pl: 2.5 }}>
                {complaint.events.map((event) => (
                  <li key={event.id} data-testid={`timeline-${event.kind}`}>
                    <Typography variant="body2">{eventText(event)}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {format(event.at, 'dateTime')} · {event.actor.displayName}
                    </Typography>
                  </li>
                ))}
              </Stack>
            </Panel>
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
};

export const ComplaintShow = () => (
  <RequireAccess resource="complaints" action="show">
    <ShowBase>
      <ComplaintView />
    </ShowBase>
  </RequireAccess>
);
