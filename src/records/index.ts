/**
 * The case selection record and plan documents, shared by the browser and the server:
 * schemas, score calculators, MME, migrations and defensive restore. Pure TypeScript.
 */
export * from './analgesics';
export * from './bilsky';
export * from './board';
export * from './caseConsistency';
export * from './caseMigrations';
export * from './caseRecord';
export * from './caseStatus';
export * from './caseSummary';
export * from './changedPaths';
export * from './decision';
export * from './deriveCase';
export * from './disease';
export * from './documentMeta';
export * from './fieldPath';
export * from './fieldTypes';
export * from './followUp';
export * from './functionAndGoals';
export * from './genant';
export * from './harrington';
export * from './jsonEqual';
export * from './jsonSafety';
export * from './lesion';
export * from './linkedStudy';
export * from './migrateDocument';
export * from './mirels';
export * from './mme';
export * from './mmeTables';
export * from './painAssessment';
export * from './patient';
export * from './performanceStatus';
export * from './plan';
export * from './planMigrations';
export * from './planRules';
export * from './procedures';
export * from './restoreCase';
export * from './restoreDocument';
export * from './restorePlan';
export * from './scoreLesion';
export * from './scoreResult';
export * from './sins';
export * from './spinalLevel';
export * from './tumourTypes';
export * from './validationIssues';
