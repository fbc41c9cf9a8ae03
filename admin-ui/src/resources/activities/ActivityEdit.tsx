import { RegisterEdit } from '../registers/RegisterPages';
import { ActivityInputs } from './ActivityInputs';

export const ActivityEdit = () => (
  <RegisterEdit>
    <ActivityInputs />
  </RegisterEdit>
);
