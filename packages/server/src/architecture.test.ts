import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'|import\('([^']+)'\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe('architecture', () => {
  it('core uses no Node built-ins and depends on no other package of ours, so it runs in the browser', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const offenders = sourceFiles(join(packages, 'core/src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => builtins.has(spec) || spec.startsWith('@kintsugi/'))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the web app never imports the server', () => {
    const offenders = sourceFiles(join(packages, 'web/src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('@kintsugi/server') || spec.includes('/server/'))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the anonymity floor is core’s MIN_ANONYMITY_THRESHOLD, never a number written again in the server', () => {
    // A second copy of the floor would let one path show answers below the threshold the rest enforce.
    const offenders = sourceFiles(join(packages, 'server/src'))
      .filter((file) => !file.endsWith('.test.ts') && !file.includes('/migrations/'))
      .filter((file) => /Math\.max\(\s*\d+\s*,[^)]*(threshold|\bk\b)/i.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(packages.length));
    expect(offenders).toEqual([]);
  });

  it('only policies/ compares roles; everything else asks the policies or reads the abilities they present', () => {
    // A role check written elsewhere drifts from the policies: the web offered buttons the API refused.
    const compares = /\bactor\.role\b|\brole\s*[!=]==|[!=]==\s*[\w.]*\brole\b|\broles\??\.includes\(/;
    /** Files that compare roles for reasons that are not the caller's permission. */
    const exceptions: Record<string, string> = {
      'server/src/use-cases/session/get-session-view.ts': "presents the role's name on the session",
      'server/src/use-cases/people/update-person.ts':
        'the last admin may not lose the role (about the person changed)',
      'server/src/use-cases/people/remove-person.ts':
        'the last admin may not be removed (about the person removed)',
    };
    const files = [
      ...sourceFiles(join(packages, 'server/src')).filter((f) => !f.includes('/policies/')),
      // The people forms compare the role chosen with the person's old one: an edit, not a permission.
      ...sourceFiles(join(packages, 'web/src')).filter((f) => !f.includes('/pages/people/')),
    ];
    const found = files
      .filter((file) => !file.includes('/migrations/'))
      .filter((file) => compares.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(packages.length).replaceAll('\\', '/'));
    expect(found.filter((file) => !(file in exceptions))).toEqual([]);
    // An exception that no longer compares anything is dropped from the list.
    expect(Object.keys(exceptions).filter((file) => !found.includes(file))).toEqual([]);
  });

  it('nobody but auth/ makes up an actor: a view without a signed-in caller is read without one', () => {
    const offenders = sourceFiles(join(packages, 'server/src'))
      .filter((file) => !file.includes('/auth/') && !file.includes('/test/'))
      .filter((file) => /:\s*Actor\s*=\s*\{/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(packages.length).replaceAll('\\', '/'));
    // The demo acts as the admin it has just created, who really is that person with that role.
    expect(offenders).toEqual(['server/src/use-cases/demo/create-demo-organization.ts']);
  });
});
