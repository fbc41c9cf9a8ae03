import { RegisterCreate } from '../registers/RegisterPages';
import { DisclosureInputs, emptyDisclosure } from './DisclosureInputs';

export const DisclosureCreate = () => (
  <RegisterCreate defaultValues={emptyDisclosure}>
    <DisclosureInputs />
  </RegisterCreate>
);
