/**
 * Word classes for the learned model, by meaning: a word the training data never used still carries its
 * class ("the insurer" is another party, like "the board"). General English, not sentences from the data.
 * Each word is matched by its Porter stem; the rules' lexicon lists (@others, @small, …) are classes too.
 */
export const EN_SEMANTIC_CLASSES: Readonly<Record<string, readonly string[]>> = {
  pressure: [
    ...[
      'deadline',
      'deadlines',
      'rush',
      'rushed',
      'urgent',
      'urgency',
      'pressure',
      'quickly',
      'fast',
      'hurry',
    ],
    ...['crunch', 'days', 'hours', 'overnight', 'asap', 'window', 'clock', 'emergency', 'notice', 'timeline'],
  ],
  // Not "choice" or "option": only "no choice" argues for a decision, and the rules hear that.
  necessity: [
    ...['necessary', 'needed', 'forced', 'required', 'unavoidable', 'inevitable', 'mandatory', 'obliged'],
    ...['compelled', 'constraint', 'constraints', 'frozen', 'budget'],
    ...['essential', 'imperative', 'survive', 'survival', 'afford', 'margins', 'numbers', 'hands', 'tied'],
  ],
  reason: [
    ...['because', 'since', 'given', 'due', 'reason', 'reasons', 'context', 'background', 'explain'],
    ...['explanation', 'rationale', 'logic', 'basically', 'simply', 'frankly', 'understand', 'appreciate'],
  ],
  party: [
    ...['regulator', 'auditor', 'auditors', 'insurer', 'landlord', 'council', 'owner', 'owners', 'group'],
    ...['region', 'district', 'partners', 'committee', 'governors', 'ministry', 'government', 'policy'],
    ...['head', 'office', 'system', 'software', 'supplier', 'contractor', 'agency', 'trust', 'bosses'],
    ...['they', 'them', 'others', 'someone', 'somebody', 'whoever', 'colleagues', 'predecessor', 'shift'],
  ],
  fate: [
    ...['happened', 'happens', 'unfortunately', 'circumstances', 'situation', 'luck', 'sides', 'collective'],
    ...['shared', 'cracks', 'slipped', 'lost', 'miscommunication', 'mistakes', 'errors', 'mix', 'confusion'],
    ...['breakdown', 'crossed', 'wires', 'unforeseen', 'beyond', 'control', 'nobody', 'somehow', 'ended'],
  ],
  intent: [
    ...['meant', 'mean', 'intended', 'intention', 'intentions', 'intent', 'trying', 'tried', 'wanted'],
    ...['hoped', 'hoping', 'aim', 'aimed', 'goal', 'purpose', 'heart', 'protect', 'help', 'spare', 'shield'],
    ...['faith', 'motive', 'motives', 'genuinely', 'sincerely', 'thought', 'believed', 'wish', 'best'],
  ],
  rightness: [
    ...[
      'right',
      'correct',
      'stand',
      'stands',
      'stood',
      'proved',
      'proven',
      'vindicated',
      'worked',
      'results',
    ],
    ...['data', 'call', 'settled', 'final', 'revisit', 'reopen', 'dwell', 'dwelling', 'rehash', 'justified'],
    ...['speak', 'themselves', 'still', 'regret', 'same', 'again', 'sound', 'wise', 'sensible', 'stays'],
  ],
  closure: [
    ...['move', 'moving', 'forward', 'behind', 'past', 'drop', 'closed', 'done', 'end', 'enough', 'over'],
    ...['history', 'water', 'bridge', 'chapter', 'line', 'drawn', 'discussion', 'debate', 'subject', 'topic'],
  ],
  feeling: [
    ...[
      'upset',
      'angry',
      'frustrated',
      'frustration',
      'hurt',
      'annoyed',
      'disappointed',
      'worried',
      'anxious',
    ],
    ...['scared', 'afraid', 'fear', 'stress', 'stressed', 'resentful', 'betrayed', 'blindsided', 'ignored'],
    ...['unheard', 'invisible', 'tired', 'exhausted', 'furious', 'sad', 'confused', 'anger', 'distrust'],
    ...['uneasy', 'nervous', 'shaken', 'sceptical', 'skeptical', 'wary', 'cynical', 'reaction', 'feelings'],
  ],
  legit: [
    ...['fair', 'reasonable', 'understandable', 'valid', 'legitimate', 'sense', 'justified', 'entitled'],
    ...['natural', 'normal', 'rightly', 'reasonably', 'deserved', 'warranted', 'earned', 'allowed', 'okay'],
  ],
  harm: [
    ...['lost', 'lose', 'cost', 'weekend', 'weekends', 'evenings', 'nights', 'overtime', 'extra', 'scramble'],
    ...['scrambling', 'redo', 'rework', 'wasted', 'cancelled', 'missed', 'awkward', 'spot', 'clients'],
    ...['patients', 'customers', 'family', 'sleep', 'childcare', 'plans', 'holiday', 'leave', 'workload'],
    ...['burden', 'fallout', 'mess', 'chaos', 'exposed', 'blame', 'face', 'apologise', 'explaining', 'sunk'],
  ],
  ownership: [
    ...['fault', 'mistake', 'responsibility', 'responsible', 'accountable', 'wrong', 'failed', 'failure'],
    ...['caused', 'own', 'owe', 'mine', 'decision', 'decisions', 'choice', 'signed', 'chose', 'decided'],
    ...['ignored', 'overruled', 'skipped', 'broke', 'dropped', 'forgot', 'neglected', 'admit', 'excuse'],
  ],
  flagging: [
    ...['tell', 'call', 'flag', 'shout', 'ping', 'message', 'nudge', 'remind', 'raise', 'catch', 'slip'],
    ...['slipping', 'fall', 'revert', 'notice', 'spot', 'challenge', 'pull', 'hold', 'account', 'honest'],
  ],
  channel: [
    ...['anytime', 'door', 'open', 'privately', 'anonymously', 'anonymous', 'channel', 'form', 'box'],
    ...['direct', 'whenever', 'email', 'dm', 'chat', 'office', 'coffee', 'note', 'text', 'phone', 'line'],
  ],
  schedule: [
    ...['every', 'each', 'weekly', 'monthly', 'daily', 'fortnightly', 'starting', 'onwards', 'from'],
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'morning', 'noon'],
    ...['end', 'month', 'week', 'quarter', 'tomorrow', 'tonight', 'today', 'before', 'after', 'until'],
    ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october'],
    ...['november', 'december', 'am', 'pm', 'oclock'],
  ],
  hedge: [
    ...['try', 'better', 'more', 'improve', 'work', 'aim', 'endeavour', 'strive', 'hopefully', 'soon'],
    ...['eventually', 'going', 'transparent', 'communicate', 'mindful', 'careful', 'effort', 'somehow'],
    ...['maybe', 'perhaps', 'possibly', 'ideally', 'generally', 'things', 'stuff', 'bit', 'aware'],
  ],
  shrink: [
    ...['only', 'just', 'merely', 'simply', 'little', 'bit', 'small', 'minor', 'couple', 'few', 'handful'],
    ...['once', 'briefly', 'overreact', 'overreacting', 'exaggerate', 'exaggerating', 'blown', 'proportion'],
    ...['fuss', 'deal', 'dramatic', 'drama', 'sensitive', 'storm', 'hardly', 'barely', 'fine', 'nothing'],
    ...['worse', 'fairly', 'slightly', 'mostly', 'most', 'majority', 'whole', 'tiny', 'teething', 'blip'],
  ],
  condition: [
    ...['if', 'anyone', 'anybody', 'may', 'might', 'feel', 'felt', 'perceived', 'came', 'across', 'seemed'],
    ...['those', 'whoever', 'offended', 'offence', 'inconvenience', 'inconvenienced', 'however', 'but'],
  ],
  apology: [...['sorry', 'apologise', 'apologize', 'apology', 'apologies', 'regret', 'regrets', 'forgive']],
  asking: [
    ...['what', 'how', 'which', 'ask', 'asking', 'curious', 'wondering', 'wonder', 'hear', 'understand'],
    ...['learn', 'like', 'want', 'need', 'needed', 'help', 'look', 'different', 'differently', 'change'],
  ],
};
