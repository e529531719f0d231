/** The invitation to a listening round. It promises only what the product guarantees. */
export function invitationEmail(options: {
  leaderName: string;
  teamName: string;
  title: string;
  closesOn: string;
  url: string;
  /** A link sent again on request: earlier links keep working. */
  again?: boolean;
}) {
  return {
    subject: `${options.leaderName} would like to hear from you`,
    text: [
      `Hello,`,
      '',
      `${options.leaderName} (${options.teamName}) has opened a repair, "${options.title}", and wants to understand how it affected you before saying anything more.`,
      '',
      `Three short questions are waiting for you until ${options.closesOn}:`,
      options.url,
      '',
      'Your answers are anonymous: nobody, not your leader and not whoever runs this server, can tell which answers are yours, and nothing is shown until at least three people have answered. You may choose to add your name.',
      '',
      options.again
        ? 'You asked for your link again: this is a new one, and any earlier link still works. If you have answered already, this page will say so.'
        : 'This link is yours alone; please do not forward it.',
    ].join('\n'),
  };
}
