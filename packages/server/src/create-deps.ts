import { createBallotKeys } from './ballots/ballot-keys.js';
import { BallotMixer } from './ballots/ballot-mixer.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { createMailer, type MailLogger } from './mail/mailer.js';
import type { Deps } from './use-cases/deps.js';

/** Wires the use-case dependencies from configuration: one place for the server, the CLI and tests. */
export function createDeps(
  config: Config,
  database: DatabaseHandle,
  logger: MailLogger,
  now: () => Date = () => new Date(),
): Deps {
  return {
    db: database.db,
    engine: database.engine,
    now,
    secret: config.secret,
    baseUrl: config.baseUrl,
    mailer: createMailer({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger, now }),
    ballots: new BallotMixer(),
    afterBallotWrite: database.afterBallotWrite,
    createBallotKeys,
  };
}
