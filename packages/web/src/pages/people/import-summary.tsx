import type { ImportReport } from '@kintsugi/core';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function ImportSummary({ report }: { report: ImportReport }) {
  const teams = report.teamsCreated;
  return (
    <div className="alert alert--success">
      <p>
        <strong>{report.dryRun ? 'The file looks good. Importing it would:' : 'Import complete:'}</strong>
      </p>
      <ul>
        <li>
          {report.dryRun ? 'add ' : 'added '}
          {plural(report.created, 'new person', 'new people')}
          {report.alreadyPresent > 0
            ? ` (${plural(report.alreadyPresent, 'person is', 'people are')} already here)`
            : ''}
        </li>
        <li>
          {report.dryRun ? 'create ' : 'created '}
          {plural(teams.length, 'team', 'teams')}
          {teams.length > 0 ? `: ${teams.join(', ')}` : ''}
        </li>
        <li>
          {report.dryRun ? 'add ' : 'added '}
          {plural(report.membershipsAdded, 'team membership', 'team memberships')}
        </li>
      </ul>
      {report.dryRun ? <p>Nothing has been imported yet. Choose “Import” to go ahead.</p> : null}
    </div>
  );
}
