// The entry of dist/cli.bundle.cjs (scripts/bundle-cli.mjs), which the bin runs.
export { run } from './cli.ts';
// For bench/measure-start.mjs: the parts of a start, timed in the same bundle the bin runs.
export { createChecker } from './checker.ts';
export { loadWordSet } from './dictionaries/word-set.ts';
export { buildPrefilter } from './engine/run-rules.ts';
export { RULE_TYPES } from './rules/types/index.ts';
