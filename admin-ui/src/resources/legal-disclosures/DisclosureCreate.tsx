import { useOrgCalendar } from '../../providers/calendar';
import { RegisterCreate } from '../registers/RegisterPages';
import { DisclosureInputs, emptyDisclosure } from './DisclosureInputs';

/** The form opens once the organisation's today is known: it is the default disclosure date. */
export const DisclosureCreate = () => {
  const today = useOrgCalendar()?.today;
  if (today === undefined) return null;
  return (
    <RegisterCreate defaultValues={{ ...emptyDisclosure, disclosedOn: today }}>
      <DisclosureInputs />
    </RegisterCreate>
  );
};
