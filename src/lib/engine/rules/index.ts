/** Business rules (constraints) for any synthesizer: see docs/rules.md. */
export type { TableRule, TableRuleType, InequalityRule, RangeRule, ValueRangeRule, SignRule, FixedCombinationsRule, UniqueRule, DerivedRule, CrossTableRule, Comparison, RulesFile, RuleCheck, RuleSuggestion } from './types';
export { parseRulesFile, rulesOf } from './rules-file';
export { ruleText } from './rule-text';
export { validateRules, type ValidateOptions, type SampleValidation } from './validate';
export { prepareRules, reverseRules, RULE_PLAN_FORMAT, type RulePlan, type PreparedRules } from './plan';
export { sampleWithRules, sampleWithRulesChunks, RuleFilter, type DrawRows, type RuleSampleOptions } from './sample';
export { checkRules, rulesReport, rulesReportAll, type RuleShare } from './check';
export { suggestRules, type SuggestOptions } from './suggest';
export { checkCrossTableRule, validateCrossTableRule, repairCrossTable, type ForeignKey, type CrossTableCheck, type CrossTableOptions } from './cross-table';
export { parseExpression, expressionColumns, type Expr } from './expression-parser';
export { evaluateExpression } from './expression-eval';
