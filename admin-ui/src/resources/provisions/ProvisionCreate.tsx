import { RegisterCreate } from '../registers/RegisterPages';
import { ProvisionInputs, emptyProvision } from './ProvisionInputs';

export const ProvisionCreate = () => (
  <RegisterCreate defaultValues={emptyProvision}>
    <ProvisionInputs />
  </RegisterCreate>
);
