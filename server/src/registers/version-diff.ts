// The registers' history diff is the shared one (also used by holidays and templates).
export { diffSnapshots, type FieldChange } from '../common/version-diff';
