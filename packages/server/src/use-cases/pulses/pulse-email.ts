/** The invitation to a pulse. It promises only what the product guarantees. */
export function pulseEmail(options: {
  leaderName: string;
  teamName: string;
  closesOn: string;
  url: string;
  reminder?: boolean;
}) {
  return {
    subject: options.reminder
      ? `Last day: how is trust with ${options.leaderName}?`
      : `How is trust with ${options.leaderName}? (two minutes)`,
    text: [
      'Hello,',
      '',
      options.reminder
        ? `The trust pulse for ${options.teamName} closes today (${options.closesOn}). If you have a moment:`
        : `${options.leaderName} (${options.teamName}) asks the team a few short questions about trust, to see honestly whether it is growing. It is open until ${options.closesOn}:`,
      options.url,
      '',
      'Your answers are anonymous: nobody, not your leader and not whoever runs this server, can tell which answers are yours. Only totals are kept, and nothing is shown until at least three people have answered.',
      '',
      'This link is yours alone; please do not forward it.',
    ].join('\n'),
  };
}
