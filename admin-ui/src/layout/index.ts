export { AppLayout } from './AppLayout';
export { theme } from './theme';
