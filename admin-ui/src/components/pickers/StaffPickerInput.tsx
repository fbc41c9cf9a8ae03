import { useTranslate } from 'react-admin';
import { http } from '../../providers/http';
import { SearchPickerInput, type PickerProps } from './SearchPickerInput';

export interface StaffName {
  id: string;
  name: string;
  role: string;
}

/** Picks a staff member by name or email (GET /names/staff) and stores their id; shows name and role. */
export const StaffPickerInput = (props: PickerProps) => {
  const translate = useTranslate();
  return (
    <SearchPickerInput<StaffName>
      {...props}
      kind="staff"
      search={(q) => http.get<StaffName[]>('/names/staff', { q })}
      resolve={async (id) => (await http.get<{ staff: StaffName[] }>('/names', { staff: id })).staff[0] ?? null}
      toValue={(id) => id}
      fromValue={(value) => value}
      optionLabel={(option) => option.name}
      optionText={(option) => `${option.name} · ${translate(`app.roles.${option.role}`, { _: option.role })}`}
      emptyText="app.pickers.type_staff"
    />
  );
};
