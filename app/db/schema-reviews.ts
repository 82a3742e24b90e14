// Row types for mentor reviews. Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReviewTables {}
