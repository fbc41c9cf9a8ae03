import { Edit, SimpleForm, useNotify } from 'react-admin';
import { H, useHolidayErrorMessage } from './holidayFields';
import { HolidayInputs } from './HolidayInputs';
import { holidayWriteBody } from './holidayTypes';

/** Saves a new version; a version someone else replaced meanwhile is refused and the form keeps what was typed. */
export const HolidayEdit = () => {
  const notify = useNotify();
  const message = useHolidayErrorMessage();
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      title={`${H}.edit_title`}
      transform={holidayWriteBody}
      mutationOptions={{ onError: (error) => notify(message(error), { type: 'error', autoHideDuration: 10_000 }) }}
    >
      <SimpleForm sx={{ maxWidth: 640 }}>
        <HolidayInputs />
      </SimpleForm>
    </Edit>
  );
};
