import { BREACH_KINDS, type BreachKind } from '@kintsugi/core';
import { useState } from 'react';
import { LiveCoach } from '../components/coach/live-coach';
import { PageHeading } from '../components/page-heading';

const KIND_LABELS: Record<BreachKind, string> = {
  competence: 'Competence — a job done badly',
  reliability: 'Reliability — a commitment not kept',
  sincerity: 'Sincerity — said one thing, did another',
  care: 'Care — others’ interests not considered',
  voice: 'Voice — decided without those affected',
};

export function CoachPage() {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<BreachKind | ''>('');
  return (
    <>
      <PageHeading>Coach</PageHeading>
      <p className="lead">
        Paste or write a message to your team. The coach marks defending, deflecting and minimising, and
        recognises what mends trust. It runs in your browser: nothing you type here is sent or stored.
      </p>
      <div className="field coach-kind">
        <label htmlFor="coach-kind">What kind of breach is this about? (optional)</label>
        <select id="coach-kind" value={kind} onChange={(e) => setKind(e.target.value as BreachKind | '')}>
          <option value="">Not specified</option>
          {BREACH_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <LiveCoach
        label="Your draft"
        hint="Findings appear as you type."
        value={text}
        onValueChange={setText}
        breachKinds={kind ? [kind] : []}
      />
    </>
  );
}
