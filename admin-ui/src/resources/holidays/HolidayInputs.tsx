import { DateInput, maxLength, minLength, required, SelectInput, TextInput, useTranslate } from 'react-admin';
import { H } from './holidayFields';
import { HOLIDAY_KINDS } from './holidayTypes';

/** The fields a person writes, and the reason every change needs. */
export const HolidayInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <DateInput source="date" validate={required()} />
      <TextInput source="nameKo" validate={[required(), maxLength(200)]} fullWidth />
      <TextInput source="nameEn" validate={[required(), maxLength(200)]} fullWidth />
      <SelectInput
        source="kind"
        validate={required()}
        choices={HOLIDAY_KINDS.map((id) => ({ id, name: translate(`${H}.kinds.${id}`) }))}
      />
      <ReasonInput />
    </>
  );
};

export const ReasonInput = () => (
  <TextInput
    source="reason"
    label={`${H}.fields.reason`}
    helperText={`${H}.reason_help`}
    validate={[required(), minLength(3), maxLength(500)]}
    multiline
    fullWidth
    defaultValue=""
  />
);
