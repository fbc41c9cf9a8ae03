// The rule screens, one chunk: whoever opens one opens the others next.
export { RuleList } from './RuleList';
export { RuleShow } from './RuleShow';
export { RuleEdit } from './RuleEdit';
