import { readFile } from 'node:fs/promises';
import {
  analyze,
  BREACH_KINDS,
  type BreachKind,
  COACH_CONTEXTS,
  type CoachAnalysis,
  type CoachContext,
  type CommitmentCheck,
  checkCommitment,
  coachCategoryLabel,
} from '@kintsugi/core';
import { type Command, type CommanderError, Option } from 'commander';

const USAGE_ERROR = 2;

interface CoachOptions {
  json?: boolean;
  commitment?: boolean;
  breach?: BreachKind[];
  context?: CoachContext;
}

async function readInput(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** 1-based line and column of an offset, for readable output. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

export function formatAnalysis(text: string, { findings, summary }: CoachAnalysis): string {
  if (!summary.supported) return `${summary.notice ?? 'This language is not supported.'}\n`;
  const lines: string[] = [];
  if (findings.length === 0) lines.push('No defensive or repair moves found.');
  for (const f of findings) {
    const mark = f.kind === 'defensive' ? '!' : '+';
    lines.push(
      `${mark} ${position(text, f.start)}  ${coachCategoryLabel(f.category)} (${f.category}): “${f.text}”`,
    );
    lines.push(`    ${f.message}`);
    if (f.suggestion) lines.push(`    Try: ${f.suggestion}`);
  }
  const { apology } = summary;
  lines.push(
    '',
    `Defensive moves: ${summary.defensiveCount}. Repair moves: ${summary.repairCount}.`,
    `Apology parts present: ${apology.present.join(', ') || 'none'} (score ${apology.score}/10).`,
    `Explaining ${Math.round(summary.explainShare * 100)}% · listening ${Math.round(summary.listenShare * 100)}% of the message.`,
  );
  if (summary.nextSteps.length > 0) {
    lines.push('Next steps:');
    for (const step of summary.nextSteps) lines.push(`  ${step.priority}. ${step.text}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatCommitment(check: CommitmentCheck): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  return [
    check.ok ? 'Specific and observable.' : `Missing: ${check.missing.join(', ')}.`,
    `Action: ${yesNo(check.hasAction)} · observer: ${yesNo(check.hasObserver)} · time or trigger: ${yesNo(check.hasTiming)}`,
    check.suggestion,
    '',
  ].join('\n');
}

export function registerCoachCommand(program: Command): void {
  program
    .command('coach')
    .description('Analyse a draft message from FILE or stdin: defensive and repair moves, and next steps')
    .argument('[file]', 'the text to read; stdin when absent or "-"')
    .option('--json', 'print {"findings": [...], "summary": {...}} as JSON')
    .option('--commitment', 'check the text as one commitment: action, observer, time or trigger')
    .addOption(
      new Option('--breach <kind...>', 'the breach kinds, which shape the next steps').choices(BREACH_KINDS),
    )
    .addOption(
      new Option('--context <context>', 'where the text is written (default: response)').choices(
        COACH_CONTEXTS,
      ),
    )
    .exitOverride((error: CommanderError) => {
      if (error.exitCode === 0) process.exit(0);
      process.exit(USAGE_ERROR);
    })
    .action(async (file: string | undefined, options: CoachOptions) => {
      let text: string;
      try {
        text = await readInput(file);
      } catch (error) {
        process.stderr.write(`kintsugi coach: cannot read ${file}: ${(error as Error).message}\n`);
        process.exitCode = USAGE_ERROR;
        return;
      }
      if (options.commitment) {
        const check = checkCommitment(text);
        process.stdout.write(options.json ? `${JSON.stringify(check)}\n` : formatCommitment(check));
        return;
      }
      const result = analyze(text, {
        ...(options.breach ? { breachKinds: options.breach } : {}),
        ...(options.context ? { context: options.context } : {}),
      });
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatAnalysis(text, result));
    });
}
