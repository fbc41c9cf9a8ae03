// The legal-hold screens, one chunk: whoever opens one opens the others next.
export { HoldList } from './HoldList';
export { HoldCreate } from './HoldCreate';
export { HoldShow } from './HoldShow';
