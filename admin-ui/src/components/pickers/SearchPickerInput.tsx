import { useEffect, useState, type ReactNode } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useInput, useResourceContext, useTranslate, useTranslateLabel, type Validator } from 'react-admin';

export interface PickerProps {
  source: string;
  label?: string;
  alwaysOn?: boolean;
  validate?: Validator | Validator[];
  helperText?: ReactNode;
}

/**
 * A react-admin input that stores an id and shows a name: the server searches as the user types
 * (after a pause, at least one character), and an id set from outside (a saved row, a link) is
 * named by `resolve`. The staff and person pickers are this with their own search and option text.
 */
export function SearchPickerInput<T extends { id: string }>({
  source,
  label,
  validate,
  helperText,
  kind,
  search,
  resolve,
  toValue,
  fromValue,
  optionLabel,
  optionText,
  emptyText,
  minWidth = 280,
}: PickerProps & {
  /** Query-cache key and test id part: `staff`, `subject`. */
  kind: string;
  search: (q: string) => Promise<T[]>;
  resolve: (id: string) => Promise<T | null>;
  /** The stored value of an id (the access log filters people as `subject:<id>`). */
  toValue: (id: string) => string;
  fromValue: (value: string) => string | null;
  optionLabel: (option: T) => string;
  optionText: (option: T) => ReactNode;
  emptyText: string;
  minWidth?: number;
}) {
  const translate = useTranslate();
  const translateLabel = useTranslateLabel();
  const resource = useResourceContext();
  const { field, fieldState, isRequired } = useInput({ source, validate });
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<T | null>(null);
  const [query, setQuery] = useState('');
  // Wait for a pause in typing: one request per search, not one per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const id = typeof field.value === 'string' && field.value !== '' ? fromValue(field.value) : null;
  const found = useQuery({
    queryKey: ['picker', kind, query],
    queryFn: () => search(query),
    enabled: query.length > 0 && (chosen === null || query !== optionLabel(chosen)),
    staleTime: 60_000,
  });
  const known = useQuery({
    queryKey: ['picker-name', kind, id],
    queryFn: () => resolve(id ?? ''),
    enabled: id !== null && chosen?.id !== id,
    staleTime: 60_000,
  });
  const value = id === null ? null : chosen?.id === id ? chosen : (known.data ?? null);
  const error = fieldState.invalid && (fieldState.isTouched || fieldState.error !== undefined);
  return (
    <Autocomplete<T>
      sx={{ minWidth: { xs: '100%', sm: minWidth } }}
      size="small"
      options={found.data ?? []}
      value={value}
      filterOptions={(options) => options}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={optionLabel}
      renderOption={(props, option) => (
        <li {...props} key={option.id} data-testid={`picker-option-${kind}`}>
          {optionText(option)}
        </li>
      )}
      loading={found.isFetching}
      noOptionsText={translate(query.length > 0 ? 'ra.navigation.no_results' : emptyText)}
      onInputChange={(_event, next) => setText(next)}
      onChange={(_event, next) => {
        setChosen(next);
        field.onChange(next ? toValue(next.id) : '');
      }}
      onBlur={field.onBlur}
      renderInput={(params) => (
        <TextField
          {...params}
          name={source}
          required={isRequired}
          label={translateLabel({ label, source, resource })}
          error={error}
          helperText={error && fieldState.error?.message ? translate(fieldState.error.message) : helperText}
          data-testid={`picker-${source}`}
        />
      )}
    />
  );
}
