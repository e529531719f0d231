// The trust pulse's questions, kept as versioned data (SPEC §3 stage 8).
//
// An item id names one exact wording forever: rewording an item means a new id in a new version, never new
// text under an old id, so every stored histogram keeps meaning what people were actually asked.

export const TRUST_DIMENSIONS = [
  'competence',
  'reliability',
  'sincerity',
  'care',
  'voice',
  'reliance',
  'speaking_up',
] as const;
export type TrustDimension = (typeof TRUST_DIMENSIONS)[number];

export const DIMENSION_LABELS: Readonly<Record<TrustDimension, string>> = {
  competence: 'Competence',
  reliability: 'Reliability',
  sincerity: 'Sincerity',
  care: 'Care',
  voice: 'Voice',
  reliance: 'Reliance',
  speaking_up: 'Speaking up',
};

export const DIMENSION_DESCRIPTIONS: Readonly<Record<TrustDimension, string>> = {
  competence: 'The leader knows the work and does their part of it well.',
  reliability: 'The leader keeps their commitments.',
  sincerity: 'The leader says what they mean and does what they say.',
  care: "The leader considers the team's interests.",
  voice: "The leader asks for the team's input before decisions that affect it.",
  reliance: "People are willing to depend on the leader's judgement.",
  speaking_up: 'People can raise a concern with the leader without fear.',
};

/** Answers are 1..SCALE_POINTS on an agreement scale. */
export const SCALE_POINTS = 7;

export const SCALE_LABELS: readonly string[] = [
  'Strongly disagree',
  'Disagree',
  'Somewhat disagree',
  'Neither agree nor disagree',
  'Somewhat agree',
  'Agree',
  'Strongly agree',
];

export interface PulseItem {
  /** Stable forever: `<dimension>.<slug>`; one id, one wording. */
  id: string;
  dimension: TrustDimension;
  text: string;
}

export interface PulseItemSet {
  version: number;
  items: readonly PulseItem[];
  /** Optional open question; answers are shown only above the anonymity threshold. */
  freeText: { id: string; text: string };
}

const VERSION_1: PulseItemSet = {
  version: 1,
  items: [
    {
      id: 'competence.does-their-part',
      dimension: 'competence',
      text: 'My leader does their own part of our work well.',
    },
    {
      id: 'competence.sound-decisions',
      dimension: 'competence',
      text: 'My leader knows enough about our work to make good decisions about it.',
    },
    {
      id: 'reliability.follow-through',
      dimension: 'reliability',
      text: 'When my leader says they will do something, it gets done.',
    },
    {
      id: 'reliability.dates-kept',
      dimension: 'reliability',
      text: 'My leader keeps to the dates they agree with us.',
    },
    {
      id: 'sincerity.means-what-they-say',
      dimension: 'sincerity',
      text: 'My leader tells us what they really think, even when it is awkward.',
    },
    {
      id: 'sincerity.words-match-actions',
      dimension: 'sincerity',
      text: 'What my leader does matches what they tell us.',
    },
    {
      id: 'care.considers-our-interests',
      dimension: 'care',
      text: 'My leader thinks about how their decisions will affect us.',
    },
    {
      id: 'voice.asked-first',
      dimension: 'voice',
      text: 'My leader asks for our input before deciding things that affect us.',
    },
    {
      id: 'voice.input-makes-a-difference',
      dimension: 'voice',
      text: 'When we give our input, we can see that it changed something.',
    },
    {
      id: 'reliance.depend-on-judgement',
      dimension: 'reliance',
      text: "I am willing to depend on my leader's judgement in things that matter to my work.",
    },
    {
      id: 'speaking_up.raise-concerns',
      dimension: 'speaking_up',
      text: 'I can raise a concern with my leader without worrying about how they will react.',
    },
  ],
  freeText: {
    id: 'free-text.help-trust-grow',
    text: 'What is one thing that would help your trust in your leader grow? (optional)',
  },
};

/** Every version ever published, oldest first. Append a version; never edit one. */
export const PULSE_ITEM_SETS: readonly PulseItemSet[] = [VERSION_1];

export const CURRENT_PULSE_VERSION: number = 1;

/** The item set of `version`; a RangeError naming the known versions for any other. */
export function pulseItemSet(
  version: number,
  itemSets: readonly PulseItemSet[] = PULSE_ITEM_SETS,
): PulseItemSet {
  const found = itemSets.find((set) => set.version === version);
  if (!found) {
    const known = itemSets.map((set) => set.version).join(', ');
    throw new RangeError(`Unknown pulse item version ${version}; known versions: ${known}`);
  }
  return found;
}

/** Dimensions whose item ids differ between two item sets, in TRUST_DIMENSIONS order. */
export function changedDimensionsBetween(from: PulseItemSet, to: PulseItemSet): TrustDimension[] {
  return TRUST_DIMENSIONS.filter((dimension) => {
    const before = idsOf(from, dimension);
    const after = idsOf(to, dimension);
    return before.length !== after.length || before.some((id, i) => id !== after[i]);
  });
}

/** Dimensions whose wording changed between two versions, so a trend chart can mark the break. */
export function changedDimensions(
  fromVersion: number,
  toVersion: number,
  itemSets: readonly PulseItemSet[] = PULSE_ITEM_SETS,
): TrustDimension[] {
  if (fromVersion === toVersion) {
    pulseItemSet(fromVersion, itemSets);
    return [];
  }
  return changedDimensionsBetween(pulseItemSet(fromVersion, itemSets), pulseItemSet(toVersion, itemSets));
}

function idsOf(set: PulseItemSet, dimension: TrustDimension): string[] {
  return set.items
    .filter((item) => item.dimension === dimension)
    .map((item) => item.id)
    .sort();
}
