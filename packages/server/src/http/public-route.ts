/**
 * Route options for the anonymous routes (ballot, pulse, witness, team space, calendar feed): no sign-in, and no
 * log line at all. Their requests carry link secrets or tokens, and even a bare "request completed" line would
 * put the time of an anonymous action in the log, beside the logged requests of the people who took it.
 * Spread it into a route's options: `{ ...PUBLIC_UNLOGGED, schema: … }`.
 */
export const PUBLIC_UNLOGGED = { config: { public: true }, logLevel: 'silent' as const };
