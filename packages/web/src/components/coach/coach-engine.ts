// The coach's code and data (rules, model weights), loaded on first use: see use-coach-analysis.ts.
export { analyze, createCoachSession } from '@kintsugi/core';
