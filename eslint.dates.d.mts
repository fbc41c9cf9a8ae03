import type { Linter } from 'eslint';

export declare const dateArithmeticRules: Linter.RulesRecord;
export declare const dateArithmeticExempt: string[];
