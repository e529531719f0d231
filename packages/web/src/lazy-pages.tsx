import { lazy } from 'react';

// The heavier pages load on first visit, so signing in and the everyday pages stay light.
export const AnswerPage = lazy(() =>
  import('./pages/answer/answer-page').then((m) => ({ default: m.AnswerPage })),
);
export const CoachPage = lazy(() => import('./pages/coach-page').then((m) => ({ default: m.CoachPage })));
export const NewRepairPage = lazy(() =>
  import('./pages/repairs/new-repair-page').then((m) => ({ default: m.NewRepairPage })),
);
export const RepairPage = lazy(() =>
  import('./pages/repairs/repair-page').then((m) => ({ default: m.RepairPage })),
);
export const TeamSpacePage = lazy(() =>
  import('./pages/team-space/team-space-page').then((m) => ({ default: m.TeamSpacePage })),
);
export const PulsePage = lazy(() =>
  import('./pages/pulse/pulse-page').then((m) => ({ default: m.PulsePage })),
);
export const RecoveryPage = lazy(() =>
  import('./pages/recovery/recovery-page').then((m) => ({ default: m.RecoveryPage })),
);
export const OverviewPage = lazy(() =>
  import('./pages/overview/overview-page').then((m) => ({ default: m.OverviewPage })),
);
