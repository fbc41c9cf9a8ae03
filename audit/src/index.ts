export * from './canonical';
export * from './columns';
export * from './merkle';
export * from './tree-head';
export * from './verifier';
export * from './export';
export * from './packed';
export { runVerify, main, summarize, EXIT_INTACT, EXIT_TAMPERED, EXIT_COULD_NOT_RUN } from './cli';
export type { CliFindings, CliIO } from './cli';
