/**
 * The request `npm run smoke` sends an endpoint whose stack entry sets no `smoke` block: one CSV
 * row of numeric features, what the example stacks' XGBoost models read, in the content type Data
 * Capture records as CSV text by default.
 */
export const SMOKE_SAMPLE_DEFAULTS = { payload: "0.5,1,0,3", contentType: "text/csv" } as const;
