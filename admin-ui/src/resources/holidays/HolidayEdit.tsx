import { useState } from 'react';
import { Edit, SimpleForm, useNotify } from 'react-admin';
import { KEEP_TYPED_VALUES, StaleVersionAlert } from '../../components/StaleVersionAlert';
import { isApiError } from '../../providers/http';
import { H, useHolidayErrorMessage } from './holidayFields';
import { HolidayInputs } from './HolidayInputs';
import { holidayWriteBody } from './holidayTypes';

/**
 * Saves a new version. A version someone else replaced meanwhile is refused: the form keeps what
 * was typed and says so beside the Save button, with a way to load the latest version.
 */
export const HolidayEdit = () => {
  const notify = useNotify();
  const message = useHolidayErrorMessage();
  const [conflict, setConflict] = useState<number | null>(null);
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      title={`${H}.edit_title`}
      transform={holidayWriteBody}
      mutationOptions={{
        onMutate: () => setConflict(null),
        onError: (error, variables) => {
          if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
            const edited = (variables as { previousData?: { version?: number } } | undefined)?.previousData;
            setConflict(edited?.version ?? 0);
            return;
          }
          notify(message(error), { type: 'error', autoHideDuration: 10_000 });
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 640 }} resetOptions={KEEP_TYPED_VALUES}>
        <HolidayInputs />
        {conflict !== null && <StaleVersionAlert version={conflict} onReloaded={() => setConflict(null)} />}
      </SimpleForm>
    </Edit>
  );
};
