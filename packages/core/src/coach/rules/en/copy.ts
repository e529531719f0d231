import type { AdviceText, CategoryText } from '../../language.js';
import type { CoachCategory } from '../../types.js';

/** What the coach says about each category, in plain language. */
export const EN_CATEGORIES: Record<CoachCategory, CategoryText> = {
  justify: {
    label: 'Justifying',
    message: 'Defending your reasons tells the team their experience matters less than your case.',
    suggestion:
      'Hold the explanation for later; first ask how the decision landed, e.g. “What did this cost you?”',
  },
  deflect: {
    label: 'Deflecting',
    message:
      'Moving the responsibility to others, to no one, or to the reader makes people doubt you will own the next one.',
    suggestion: 'Say who did it, in the first person: “I made this call” — even if others were involved.',
  },
  minimize: {
    label: 'Minimising',
    message: 'Shrinking the harm tells people their reaction is the problem, not what happened.',
    suggestion: 'Describe the effect as they lived it, without size words: “You lost two weeks of work.”',
  },
  intent_over_impact: {
    label: 'Intent over impact',
    message: 'Good intentions do not cancel real impact; leading with them asks the team to comfort you.',
    suggestion: 'Drop the intention and name the impact: “Whatever I meant, this is what it did to you.”',
  },
  conditional_apology: {
    label: 'Conditional apology',
    message:
      'An apology with “if”, “you feel” or a following “but” does not accept the harm, so it reads as no apology.',
    suggestion:
      'Apologise for what you did, with no condition and no “but”: “I’m sorry I decided this without you.”',
  },
  relitigate: {
    label: 'Relitigating',
    message: 'Re-arguing the old decision, or closing the subject, keeps the conversation about being right.',
    suggestion:
      'Leave the decision’s merits aside and ask what should happen next: “What would help you trust the next decision?”',
  },
  acknowledge_impact: {
    label: 'Acknowledges impact',
    message: 'Naming the concrete effect on people shows you saw what it cost them.',
  },
  own: {
    label: 'Takes ownership',
    message: 'First-person responsibility with an active verb is the part of an apology that matters most.',
  },
  open_question: {
    label: 'Open question',
    message: 'A sincere open question invites their perspective instead of defending yours.',
  },
  validate: {
    label: 'Validates',
    message: 'Treating their concern as legitimate lowers defences on both sides.',
  },
  specific_commitment: {
    label: 'Specific commitment',
    message: 'A concrete, observable action with a time or trigger is something the team can watch you keep.',
  },
  vague_commitment: {
    label: 'Vague commitment',
    message:
      'A promise without an observable action or a time cannot be checked, so it cannot rebuild trust.',
  },
  invite_feedback: {
    label: 'Invites feedback',
    message: 'Asking to be told when you slip gives the team a safe way to hold you to your word.',
  },
};

export const EN_ADVICE: AdviceText = {
  defensive: {
    justify:
      'Cut the justification (“{text}”). Ask how the decision affected them before you explain anything.',
    deflect: 'Replace “{text}” with what you did, in the first person: “I decided…”, “I didn’t ask you…”.',
    minimize: 'Remove “{text}”. Name the effect as they experienced it, without judging its size.',
    intent_over_impact:
      'Take out “{text}”. Your intent is not in doubt as much as the impact is; name the impact.',
    conditional_apology:
      'Make the apology unconditional: drop the “if”/“but” in “{text}” and say what you are sorry for.',
    relitigate:
      'Stop re-arguing the decision (“{text}”). Ask what they need next instead of defending what was.',
  },
  missing: {
    own: 'Say plainly what you did and that it was yours: “I made this decision without asking you.”',
    acknowledge_impact:
      'Name the concrete effect on them: lost work, a surprise, a weekend, a voice not heard.',
    open_question: 'Ask one sincere open question, such as “What did you need from me that you didn’t get?”',
    specific_commitment:
      'Offer one specific, observable action with a time or trigger: what you will do, who will see it, and when.',
    validate: 'Tell them their reaction is legitimate: “Your frustration makes sense.”',
    invite_feedback: 'Ask them to tell you when you slip, and say how they can.',
  },
  vagueOnly: 'Make “{text}” checkable: name the action, who will see it, and when or on what trigger.',
  done: 'This reads as a repair. Send it, then let consistent action do the rest.',
  afterSending: 'After you send it, do what you said, where the team can see it, and record each time.',
  breachNotes: {
    competence:
      'After a competence breach an apology helps most when paired with a concrete plan to do the job well.',
    reliability:
      'After a broken promise, a new promise helps only if it is small, checkable and kept on time.',
    sincerity:
      'After a breach of sincerity, words repair little: promise less, and let the team see you do it.',
    care: 'After a breach of care, show you understand what it cost them before anything else.',
    voice: 'After a decision taken without them, commit to asking before the next one, on a clear trigger.',
  },
  unsupported:
    'The coach reads English only for now; this text looks like another language, so it shows no findings.',
  contexts: {
    forecast: {
      missing: {
        acknowledge_impact:
          'Write what they will say it cost them, as they would say it: a lost weekend, a surprise, not being asked.',
      },
      done: 'This forecast takes their side of it. Keep it as it is: you will compare it with what they say.',
      after: 'Forecast each question before you read any answer; the gap is what you learn from.',
    },
    acknowledgement: {
      missing: {
        acknowledge_impact: 'Name what this theme cost them, in their words, before anything about you.',
        validate: 'Say that their reaction makes sense: “It is fair that you felt left out.”',
        own: 'Say what you did that led to it, in the first person.',
      },
      done: 'This acknowledges what you heard. What you will do about it goes in the theme’s commitments.',
    },
    follow_up: {
      missing: {
        open_question:
          'Ask one open question (how, what, which), not a yes/no one: “What would have helped you most that week?”',
      },
      done: 'A sincere, open question. Send it, and read the answer before you reply.',
    },
    commitment: {
      missing: {
        specific_commitment: 'Say the action, who will see it, and when or on what trigger.',
      },
      done: 'Specific and observable. Keep it, every time.',
    },
    missed_note: {
      missing: {
        own: 'Say plainly that you missed it and that it was yours: “I did not post the rota on Friday.”',
        acknowledge_impact: 'Say what the miss cost them, without explaining it away.',
      },
      done: 'You own the miss. Record it, and keep the next one.',
    },
  },
};
