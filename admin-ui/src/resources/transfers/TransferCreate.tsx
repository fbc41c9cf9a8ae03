import { RegisterCreate } from '../registers/RegisterPages';
import { TransferInputs, emptyTransfer } from './TransferInputs';

export const TransferCreate = () => (
  <RegisterCreate defaultValues={emptyTransfer}>
    <TransferInputs />
  </RegisterCreate>
);
