import { useMemo, type ReactNode } from 'react';
import { Box, FormHelperText, Typography } from '@mui/material';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteInput,
  DateInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  required,
  useLocaleState,
  useResourceContext,
  useSourceContext,
  useTranslate,
  useTranslateLabel,
} from 'react-admin';
import { COUNTRY_CODES, countryName } from './countries';
import { parsePeriod } from './registerValues';
import { RETENTION_EVENTS, RETENTION_KINDS, type Retention } from './registerTypes';

const R = 'resources.registers';

/** Choices for a SelectInput from an enum and its message group under resources.registers. */
export const enumChoices = (group: string, values: readonly string[]) =>
  values.map((value) => ({ id: value, name: `${R}.${group}.${value}` }));

const errorAt = (errors: Record<string, unknown>, path: string): string | undefined => {
  const node = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], errors);
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
};

/** An error the server gave for a group of inputs as a whole (e.g. `recipient` for both languages). */
const GroupError = ({ source }: { source: string }) => {
  const translate = useTranslate();
  const { errors } = useFormState({ name: source });
  const message = errorAt(errors as Record<string, unknown>, source);
  if (!message) return null;
  return (
    <FormHelperText error sx={{ mt: -0.5, mb: 1 }} data-testid={`group-error-${source}`}>
      {translate(message, { _: message })}
    </FormHelperText>
  );
};

/** Inputs side by side, as many per line as fit (one on a phone). */
export const InputRow = ({ children, min = 220 }: { children: ReactNode; min?: number }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: `repeat(auto-fit, minmax(min(${min}px, 100%), 1fr))`,
      columnGap: 2,
      width: '100%',
      alignItems: 'start',
    }}
  >
    {children}
  </Box>
);

/** A labelled group of inputs with its own error line. */
export const InputGroup = ({ source, label, children }: { source: string; label: string; children: ReactNode }) => (
  <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 1, width: '100%', minWidth: 0 }}>
    <Typography component="legend" variant="subtitle2" sx={{ mb: 0.5 }}>
      {label}
    </Typography>
    {children}
    <GroupError source={source} />
  </Box>
);

/** The field's label as react-admin would write it (resources.<resource>.fields.<source>). */
const useFieldLabel = (source: string, label?: string): string => {
  const translateLabel = useTranslateLabel();
  const resource = useResourceContext();
  return String(translateLabel({ source, label, resource }));
};

/**
 * A text the policy prints in both languages: Korean and English side by side. The server
 * requires at least one of them for a required text.
 */
export const LocalizedTextInput = ({
  source,
  label,
  multiline,
  helperText,
}: {
  source: string;
  label?: string;
  multiline?: boolean;
  helperText?: string;
}) => {
  const translate = useTranslate();
  const title = useFieldLabel(source, label);
  const [locale] = useLocaleState();
  const order = locale === 'ko' ? (['ko', 'en'] as const) : (['en', 'ko'] as const);
  return (
    <InputGroup source={source} label={title}>
      {helperText && (
        <Typography variant="caption" component="p" color="text.secondary" sx={{ mb: 0.5 }}>
          {translate(helperText)}
        </Typography>
      )}
      <InputRow>
        {order.map((lang) => (
          <TextInput
            key={lang}
            source={`${source}.${lang}`}
            label={`${R}.form.${lang === 'ko' ? 'korean' : 'english'}`}
            multiline={multiline}
            minRows={multiline ? 2 : undefined}
            validate={maxLength(2000)}
            helperText={false}
            fullWidth
            sx={{ flex: 1 }}
          />
        ))}
      </InputRow>
    </InputGroup>
  );
};

/** 'YYYY-MM-DD' or null (an empty date is "none", not an empty string). */
export const DayInput = ({ source, label }: { source: string; label?: string }) => (
  <DateInput
    source={source}
    label={label}
    parse={(value: string) => (value ? value : null)}
    sx={{ minWidth: 200 }}
    helperText={false}
  />
);

export const ReasonInput = () => {
  const translate = useTranslate();
  return (
    <Box
      sx={{
        width: '100%',
        p: 2,
        mt: 1,
        borderRadius: 1,
        bgcolor: 'action.hover',
        border: 1,
        borderColor: 'divider',
      }}
      data-testid="register-reason"
    >
      <TextInput
        source="reason"
        label={`${R}.form.reason`}
        helperText={translate(`${R}.form.reason_help`)}
        validate={[required(`${R}.form.reason_required`), minLength(3, `${R}.form.reason_required`), maxLength(500)]}
        multiline
        minRows={2}
        fullWidth
      />
    </Box>
  );
};

/** A country by name or code, named in the UI language; stored as its two-letter code. */
export const CountryInput = ({ source, allowEmpty }: { source: string; allowEmpty?: boolean }) => {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const choices = useMemo(
    () =>
      COUNTRY_CODES.map((code) => ({ id: code, name: `${countryName(code, locale)} (${code})` })).sort((a, b) =>
        a.name.localeCompare(b.name, locale),
      ),
    [locale],
  );
  return (
    <AutocompleteInput
      source={source}
      choices={choices}
      translateChoice={false}
      helperText={translate(`${R}.form.country_help`)}
      validate={allowEmpty ? undefined : required()}
      parse={(value: string | null) => (value ? value : null)}
      emptyText={allowEmpty ? `${R}.form.no_country` : undefined}
      sx={{ minWidth: 280 }}
    />
  );
};

const retentionKindChoices = enumChoices('retention.kinds', RETENTION_KINDS);
const retentionEventChoices = enumChoices('retention.events', RETENTION_EVENTS);

/** "Reads as: 1 year 6 months" under the period, or a warning when it is not a period. */
const PeriodReading = ({ name }: { name: string }) => {
  const translate = useTranslate();
  const period = useWatch({ name }) as string | undefined;
  if (!period) return null;
  const parts = parsePeriod(period);
  return (
    <FormHelperText error={!parts} sx={{ mt: -1, mb: 1 }}>
      {parts
        ? translate(`${R}.retention.period_reads`, {
            text: parts
              .map((part) => translate(`${R}.retention.units.${part.unit}`, { smart_count: part.count }))
              .join(' '),
          })
        : translate(`${R}.retention.period_invalid`)}
    </FormHelperText>
  );
};

/**
 * The inputs of one rule: how long, the period, from when, and the law. `prefix` is relative
 * to the source context (empty inside an "either" option, whose iterator gives the prefix).
 */
const RetentionRuleInputs = ({
  prefix,
  allowEither,
  onRuleChange,
}: {
  prefix: string;
  allowEither: boolean;
  onRuleChange: () => void;
}) => {
  const translate = useTranslate();
  const sourceContext = useSourceContext();
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const kind = useWatch({ name: sourceContext.getSource(at('kind')) }) as Retention['kind'] | undefined;
  const hasPeriod = kind === 'duration' || kind === 'statutory';
  return (
    <InputRow>
      <SelectInput
        source={at('kind')}
        label={`${R}.retention.kind`}
        choices={allowEither ? retentionKindChoices : retentionKindChoices.filter((choice) => choice.id !== 'either')}
        validate={required()}
        onChange={onRuleChange}
        sx={{ minWidth: 240 }}
      />
      {hasPeriod && (
        <Box sx={{ minWidth: 220, maxWidth: 340 }}>
          <TextInput
            source={at('period')}
            label={`${R}.retention.period`}
            helperText={translate(`${R}.retention.period_help`)}
            validate={required()}
            parse={(value: string) => value.toUpperCase()}
            onChange={onRuleChange}
            fullWidth
          />
          <PeriodReading name={sourceContext.getSource(at('period'))} />
        </Box>
      )}
      {(hasPeriod || kind === 'immediate') && (
        <SelectInput
          source={at('after')}
          label={`${R}.retention.after`}
          choices={retentionEventChoices}
          emptyText={`${R}.retention.after_none`}
          parse={(value: string) => (value ? value : undefined)}
          onChange={onRuleChange}
          sx={{ minWidth: 200 }}
        />
      )}
      {kind === 'statutory' && (
        <TextInput
          source={at('law')}
          label={`${R}.retention.law`}
          validate={[required(), maxLength(200)]}
          onChange={onRuleChange}
        />
      )}
    </InputRow>
  );
};

/**
 * A retention: the rule the server checks, and the wording the policy prints. A change of the
 * rule by the person clears the wording, so the policy cannot keep words that no longer match
 * the rule (the server then generates it, unless new words are typed).
 */
export const RetentionInput = ({ source = 'retention', label }: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const title = useFieldLabel(source, label);
  const { setValue } = useFormContext();
  const kind = useWatch({ name: `${source}.kind` }) as Retention['kind'] | undefined;
  const clearWording = () => setValue(`${source}.text`, { ko: '', en: '' }, { shouldDirty: true });

  return (
    <InputGroup source={source} label={title}>
      <Box sx={{ pl: 2, borderLeft: 3, borderColor: 'divider' }}>
        <RetentionRuleInputs prefix={source} allowEither onRuleChange={clearWording} />
        {kind === 'either' && (
          <ArrayInput source={`${source}.options`} label={`${R}.retention.options`}>
            <SimpleFormIterator inline disableReordering>
              <RetentionRuleInputs prefix="" allowEither={false} onRuleChange={clearWording} />
            </SimpleFormIterator>
          </ArrayInput>
        )}
        <LocalizedTextInput
          source={`${source}.text`}
          label={translate(`${R}.retention.text`)}
          helperText={`${R}.retention.text_help`}
        />
      </Box>
    </InputGroup>
  );
};
