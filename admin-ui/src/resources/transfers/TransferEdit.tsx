import { RegisterEdit } from '../registers/RegisterPages';
import { TransferInputs } from './TransferInputs';

export const TransferEdit = () => (
  <RegisterEdit>
    <TransferInputs />
  </RegisterEdit>
);
