import { RegisterCreate } from '../registers/RegisterPages';
import { ActivityInputs, emptyActivity } from './ActivityInputs';

export const ActivityCreate = () => (
  <RegisterCreate defaultValues={emptyActivity}>
    <ActivityInputs />
  </RegisterCreate>
);
