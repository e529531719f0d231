import type { Mailer } from '../../mail/mailer.js';
import type { Deps } from '../deps.js';

/**
 * The demo's people answer through their personal links as real people would, and, as for real people, the only
 * place a link exists is the email sent to its person. This reads it there: the use cases run with a mailer that
 * passes every email on and remembers the latest link of each kind sent to each address.
 */
export function withLinkInbox(deps: Deps): { deps: Deps; linkFor(email: string, page: string): string } {
  const latest = new Map<string, string>();
  const mailer: Mailer = {
    delivers: deps.mailer.delivers,
    async send(message) {
      for (const match of message.text.matchAll(/\/(answer|pulse|team)#([A-Za-z0-9_-]{40,})/g))
        latest.set(`${message.to}|${match[1]}`, match[2] as string);
      return deps.mailer.send(message);
    },
  };
  return {
    deps: { ...deps, mailer },
    linkFor(email, page) {
      const link = latest.get(`${email}|${page}`);
      if (!link) throw new Error(`the demo sent no ${page} link to ${email}`);
      return link;
    },
  };
}
