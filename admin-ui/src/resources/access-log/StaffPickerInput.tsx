import { useEffect, useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useInput, useTranslate } from 'react-admin';
import { http } from '../../providers/http';
import { useLogNames, type StaffName } from './logNames';

/**
 * Picks a staff member by name or email (the server searches; at least one character), and
 * stores their id in the filter. Shows the chosen person's name, not their id.
 */
export const StaffPickerInput = ({
  source,
  label,
  initial,
}: {
  source: string;
  label?: string;
  alwaysOn?: boolean;
  /** The name of the person already chosen, when the form opens with one. */
  initial?: StaffName;
}) => {
  const translate = useTranslate();
  const { field } = useInput({ source });
  const known = useLogNames().staff;
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<StaffName | null>(null);
  const [query, setQuery] = useState('');
  // Wait for a pause in typing: one request per search, not one per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['staff-names', query],
    queryFn: () => http.get<StaffName[]>('/names/staff', { q: query }),
    enabled: query.length > 0 && query !== chosen?.name,
    staleTime: 60_000,
  });
  const id = typeof field.value === 'string' && field.value !== '' ? field.value : null;
  const value =
    id === null
      ? null
      : chosen?.id === id
        ? chosen
        : (known.get(id) ?? (initial?.id === id ? initial : { id, name: id, role: '' }));
  return (
    <Autocomplete<StaffName>
      sx={{ minWidth: 260 }}
      size="small"
      options={found.data ?? []}
      value={value}
      filterOptions={(options) => options}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(option) => option.name}
      renderOption={(props, option) => (
        <li {...props} key={option.id}>
          {option.name} · {translate(`app.roles.${option.role}`, { _: option.role })}
        </li>
      )}
      loading={found.isFetching}
      noOptionsText={translate(query.length > 0 ? 'ra.navigation.no_results' : 'app.access_log.type_a_name')}
      onInputChange={(_event, next) => setText(next)}
      onChange={(_event, next) => {
        setChosen(next);
        field.onChange(next ? next.id : '');
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate(label ?? `resources.access-log.fields.${source}`)}
          data-testid={`picker-${source}`}
        />
      )}
    />
  );
};
