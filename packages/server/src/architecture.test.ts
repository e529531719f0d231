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
});
