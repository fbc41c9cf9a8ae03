import { RegisterEdit } from '../registers/RegisterPages';
import { DisclosureInputs } from './DisclosureInputs';

export const DisclosureEdit = () => (
  <RegisterEdit>
    <DisclosureInputs />
  </RegisterEdit>
);
