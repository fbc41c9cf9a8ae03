import { RegisterEdit } from '../registers/RegisterPages';
import { ProvisionInputs } from './ProvisionInputs';

export const ProvisionEdit = () => (
  <RegisterEdit>
    <ProvisionInputs />
  </RegisterEdit>
);
