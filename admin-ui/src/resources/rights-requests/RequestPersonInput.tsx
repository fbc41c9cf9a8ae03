import { useEffect, useRef } from 'react';
import { useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { SubjectPick } from '../../components/pickers/SubjectPickerInput';
import { SearchPickerInput, type PickerProps } from '../../components/pickers/SearchPickerInput';
import { dataProvider } from '../../providers/data';
import { http } from '../../providers/http';
import type { SubjectListItem, SubjectProfile } from '../subjects/types';

const PHONE = /^[+\d][\d\s-]{6,}$/;

const toPick = (row: Pick<SubjectListItem, 'id' | 'name' | 'kind' | 'service' | 'age' | 'phone'>): SubjectPick => ({
  id: row.id,
  maskedName: row.name,
  kind: row.kind,
  service: row.service,
  age: row.age,
  phone: row.phone,
});

/**
 * Picks the person a request is about, or the guardian asking, through the subject search (masked,
 * logged like any search): support may search people but not read the access log, which the shared
 * names picker needs. `onPicked` gets the person as the search showed them (age, kind, service).
 */
export const RequestPersonInput = ({
  onPicked,
  ...props
}: PickerProps & { onPicked?: (person: SubjectPick | null) => void }) => {
  const translate = useTranslate();
  const seen = useRef(new Map<string, SubjectPick>());
  const value = useWatch({ name: props.source }) as string | undefined;
  useEffect(() => {
    onPicked?.(value ? (seen.current.get(value) ?? null) : null);
  }, [value, onPicked]);
  const r = 'resources.subjects';
  return (
    <SearchPickerInput<SubjectPick>
      {...props}
      kind="subject-people"
      search={async (q) => {
        const { data } = await dataProvider.getList<SubjectListItem>('subjects', {
          filter: PHONE.test(q) ? { phone: q } : { q },
          pagination: { page: 1, perPage: 20 },
          sort: { field: 'createdAt', order: 'DESC' },
        });
        const picks = data.map(toPick);
        for (const pick of picks) seen.current.set(pick.id, pick);
        return picks;
      }}
      resolve={async (id) => {
        const pick =
          seen.current.get(id) ?? toPick(await http.get<SubjectProfile>(`/subjects/${encodeURIComponent(id)}`));
        seen.current.set(id, pick);
        return pick;
      }}
      toValue={(id) => id}
      fromValue={(v) => v}
      optionLabel={(option) => option.maskedName}
      optionText={(option) =>
        [
          option.maskedName,
          translate(`${r}.kinds.${option.kind}`, { _: option.kind }),
          option.age === undefined || option.age === null
            ? null
            : translate(`${r}.age_years`, { smart_count: option.age }),
          translate(`${r}.services.${option.service}`, { _: option.service }),
          option.phone ?? null,
        ]
          .filter((part) => part !== null)
          .join(' · ')
      }
      emptyText="app.pickers.type_person"
      minWidth={300}
    />
  );
};
