import type { LanguageRules } from '../language.js';
import { CoachModel } from './coach-model.js';
import { EN_MODEL } from './weights-en.js';

const models = new WeakMap<LanguageRules, CoachModel>();

/** The language's trained model, built from its weights file on first use (a few milliseconds). */
export function modelFor(language: LanguageRules): CoachModel {
  let model = models.get(language);
  if (!model) {
    model = new CoachModel(EN_MODEL, language);
    models.set(language, model);
  }
  return model;
}
