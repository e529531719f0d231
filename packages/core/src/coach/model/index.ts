// The learned model's parts that the training and evaluation scripts use (scripts/train-coach.mjs).
export { CoachModel, type SerializedModel } from './coach-model.js';
export { featurize } from './featurize.js';
export { scoreText } from './score-text.js';
export { serializeModel } from './serialize.js';
export { bestThreshold } from './thresholds.js';
export { seededRandom, trainLogistic } from './train.js';
export { type LabelledItem, labelBits, trainingExamples } from './training-examples.js';
export { GrowingUnits } from './units.js';
