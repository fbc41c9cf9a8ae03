import { RegisterCreate } from '../registers/RegisterPages';
import { ProcessorInputs, emptyProcessor } from './ProcessorInputs';

export const ProcessorCreate = () => (
  <RegisterCreate defaultValues={emptyProcessor}>
    <ProcessorInputs />
  </RegisterCreate>
);
