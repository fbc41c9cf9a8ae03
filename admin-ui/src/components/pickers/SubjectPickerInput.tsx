import { useTranslate } from 'react-admin';
import { http } from '../../providers/http';
import { SearchPickerInput, type PickerProps } from './SearchPickerInput';

/** A person as a picker shows them: masked, with what tells two 김** apart (never revealed). */
export interface SubjectPick {
  id: string;
  maskedName: string;
  kind: string;
  service: string;
  age?: number | null;
  phone?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Picks a person by the start of their name or by phone number (GET /names/subjects) and stores
 * their id. `scope`: `access-log` finds only people the access log names (any access-log reader,
 * security and the auditor included); `people` finds anyone (roles that may search people).
 * `prefix`: the access log names people as `subject:<id>`.
 */
export const SubjectPickerInput = ({
  scope,
  prefix = '',
  ...props
}: PickerProps & { scope: 'access-log' | 'people'; prefix?: string }) => {
  const translate = useTranslate();
  const r = 'resources.subjects';
  return (
    <SearchPickerInput<SubjectPick>
      {...props}
      kind={`subject-${scope}`}
      search={(q) => http.get<SubjectPick[]>('/names/subjects', { q, in: scope })}
      resolve={async (id) =>
        (await http.get<{ subjects: SubjectPick[] }>('/names', { subjects: id })).subjects[0] ?? null
      }
      toValue={(id) => `${prefix}${id}`}
      fromValue={(value) => {
        const id = value.startsWith(prefix) ? value.slice(prefix.length) : null;
        return id !== null && UUID.test(id) ? id : null;
      }}
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
