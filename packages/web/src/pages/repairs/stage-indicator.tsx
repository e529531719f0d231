import { REPAIR_STAGES, type RepairStage } from '@kintsugi/core';
import { STAGE_LABELS } from './labels';

/** Every stage of a repair in order, the current one marked, and what to do next. */
export function StageIndicator({ stage, nextStep }: { stage: RepairStage; nextStep: string }) {
  const current = REPAIR_STAGES.indexOf(stage);
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <h2 id="stage-heading" className="visually-hidden">
        Where this repair stands
      </h2>
      <ol className="stage__list">
        {REPAIR_STAGES.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo';
          return (
            <li
              key={s}
              className={`stage__step stage__step--${state}`}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="stage__marker" aria-hidden="true">
                {i < current ? '✓' : i + 1}
              </span>
              <span className="stage__label">
                {STAGE_LABELS[s]}
                <span className="visually-hidden">
                  {state === 'done' ? ' (done)' : state === 'current' ? ' (current stage)' : ''}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="stage__next">
        <strong>Next: </strong>
        {nextStep}
      </p>
    </section>
  );
}
