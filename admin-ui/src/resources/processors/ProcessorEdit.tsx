import { RegisterEdit } from '../registers/RegisterPages';
import { ProcessorInputs } from './ProcessorInputs';

export const ProcessorEdit = () => (
  <RegisterEdit>
    <ProcessorInputs />
  </RegisterEdit>
);
