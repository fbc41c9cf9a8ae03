import { Create, required, SelectInput, SimpleForm, useNotify, useTranslate } from 'react-admin';
import { H, useHolidayErrorMessage } from './holidayFields';
import { HolidayInputs } from './HolidayInputs';
import { JURISDICTIONS } from './holidayTypes';

export const HolidayCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const message = useHolidayErrorMessage();
  return (
    <Create
      redirect="show"
      title={`${H}.create_title`}
      mutationOptions={{ onError: (error) => notify(message(error), { type: 'error' }) }}
    >
      <SimpleForm defaultValues={{ jurisdiction: 'KR', kind: 'temporary' }} sx={{ maxWidth: 640 }}>
        <SelectInput
          source="jurisdiction"
          validate={required()}
          choices={JURISDICTIONS.map((id) => ({ id, name: translate(`${H}.jurisdictions.${id}`) }))}
        />
        <HolidayInputs />
      </SimpleForm>
    </Create>
  );
};
