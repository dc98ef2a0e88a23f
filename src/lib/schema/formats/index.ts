/** The import/export formats layer: one entry point for the UI and the workers. */
export * from './csv-import';
export * from './infer';
export * from './ddl';
export * from './dbml';
export * from './sdv-metadata';
export * from './request-json';
export * from './schema-file';
export * from './detect';
export * from './export-csv';
export * from './export-json';
export * from './export-sql';
export { postgres } from './export-sql-postgres';
export { mysql } from './export-sql-mysql';
export { sqlite } from './export-sql-sqlite';
export * from './export-zip';
export * from './sdtype-map';
export { splitSqlStatements } from './sql-split';
export { formatPath, parseJsonSafe, type Problem } from './json-safe';
