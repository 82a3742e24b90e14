// Row types for AI generation (jobs, model calls). Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GenerationTables {}
