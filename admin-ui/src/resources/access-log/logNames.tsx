import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useListContext, type RaRecord } from 'react-admin';
import { http } from '../../providers/http';
import type { AuditEvent } from '../../types';

import type { StaffName } from '../../components/pickers/StaffPickerInput';
import type { SubjectPick } from '../../components/pickers/SubjectPickerInput';

export type { StaffName };
export type SubjectName = Omit<SubjectPick, 'age' | 'phone'>;

interface LogNames {
  staff: Map<string, StaffName>;
  subjects: Map<string, SubjectName>;
}

const EMPTY: LogNames = { staff: new Map(), subjects: new Map() };
const LogNamesContext = createContext<LogNames>(EMPTY);

/** Staff and people named by the events' ids, when a provider above has resolved them. */
export const useLogNames = (): LogNames => useContext(LogNamesContext);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The staff id (actor, or `staff:<id>` subject) and person id (`subject:<id>`) an event names. */
export const idsOf = (event: Pick<AuditEvent, 'actorId' | 'subjectId'>): { staff: string[]; subjects: string[] } => {
  const staff: string[] = [];
  const subjects: string[] = [];
  if (event.actorId && UUID.test(event.actorId)) staff.push(event.actorId);
  const [prefix, id] = (event.subjectId ?? '').split(':');
  if (id && UUID.test(id)) (prefix === 'staff' ? staff : subjects).push(id);
  return { staff, subjects };
};

/**
 * Resolves the names of the events in the list: one request per page of ids (the server answers
 * staff names and roles, people's masked names, and records that it showed them).
 */
export const LogNamesProvider = <T extends RaRecord = AuditEvent>({
  children,
  of = idsOf as unknown as (record: T) => { staff: string[]; subjects: string[] },
}: {
  children: ReactNode;
  /** The staff and person ids a row names (default: an access-log event's). */
  of?: (record: T) => { staff: string[]; subjects: string[] };
}) => {
  const { data } = useListContext<T>();
  const { staff, subjects } = useMemo(() => {
    const s = new Set<string>();
    const p = new Set<string>();
    for (const record of data ?? []) {
      const ids = of(record);
      ids.staff.forEach((id) => s.add(id));
      ids.subjects.forEach((id) => p.add(id));
    }
    return { staff: [...s], subjects: [...p] };
  }, [data, of]);
  return (
    <NamesProvider staff={staff} subjects={subjects}>
      {children}
    </NamesProvider>
  );
};

/** Resolves the names of the staff and people `staff` and `subjects` name (ids; others are ignored), for a page that is not a list. */
export const NamesProvider = ({
  staff: staffIds,
  subjects: subjectIds,
  children,
}: {
  staff: readonly (string | null | undefined)[];
  subjects: readonly (string | null | undefined)[];
  children: ReactNode;
}) => {
  const pick = (ids: readonly (string | null | undefined)[]) =>
    [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)))].sort().slice(0, 200);
  const staff = pick(staffIds);
  const subjects = pick(subjectIds);
  const names = useQuery({
    queryKey: ['access-log-names', staff.join(','), subjects.join(',')],
    queryFn: () =>
      http.get<{ staff: StaffName[]; subjects: SubjectName[] }>('/names', {
        staff: staff.length > 0 ? staff.join(',') : undefined,
        subjects: subjects.length > 0 ? subjects.join(',') : undefined,
      }),
    enabled: staff.length + subjects.length > 0,
    staleTime: 60_000,
    // Names already known stay on screen while the next page's are fetched (no flash of ids).
    placeholderData: (previous) => previous,
  });
  const value = useMemo<LogNames>(
    () =>
      names.data
        ? {
            staff: new Map(names.data.staff.map((s) => [s.id, s])),
            subjects: new Map(names.data.subjects.map((s) => [s.id, s])),
          }
        : EMPTY,
    [names.data],
  );
  return <LogNamesContext.Provider value={value}>{children}</LogNamesContext.Provider>;
};
