import type { Lexicon } from '../../pattern.js';
import type { ContractionRules } from '../../tokenize.js';
import { EN_LEXICON_PEOPLE_AND_HARM } from './lexicon-lists-a.js';
import { EN_LEXICON_WORDS } from './lexicon-lists-b.js';

/** Contractions are expanded before matching, so patterns are written in full: "i am", "do not", "let us". */
export const EN_CONTRACTIONS: ContractionRules = {
  notBases: { wo: 'will', ca: 'can', sha: 'shall', ai: 'is' },
  suffixes: { m: ['am'], re: ['are'], ve: ['have'], ll: ['will'], d: ['would', 'had'], s: ['is', 'has'] },
  sIsBases: new Set([
    ...['it', 'that', 'this', 'what', 'there', 'here', 'who', 'where', 'how', 'he', 'she', 'everything'],
    ...['nothing', 'something', 'everyone', 'someone', 'nobody', 'which', 'why', 'when'],
  ]),
  words: {
    "let's": ['let', 'us'],
    cannot: ['can', 'not'],
    gonna: ['going', 'to'],
    wanna: ['want', 'to'],
    gotta: ['got', 'to'],
    "y'all": ['you', 'all'],
  },
};

export const EN_STOPWORDS = new Set(
  (
    'the a an and or but if of to in on at for with from by about as into than then so that this these those ' +
    'it is are was were be been being am have has had do does did not no i me my mine we us our you your ' +
    'he she they them their his her what which who how when where why will would can could should shall may ' +
    'might must there here all any some more most very just only also too up out over again all each ' +
    "'s would"
  ).split(' '),
);

export const EN_NEGATORS = new Set([
  ...['not', 'never', 'no', 'nor', 'neither', 'hardly', 'barely', 'nothing', 'nobody', 'whether'],
  ...['instead', 'rather', 'pretend', 'pretending', 'without'],
]);

export const EN_REPORTING_VERBS = new Set([
  ...['said', 'say', 'says', 'saying', 'told', 'tell', 'tells', 'wrote', 'write', 'writes', 'mentioned'],
  ...['felt', 'feel', 'feels', 'feeling', 'think', 'thinks', 'thought', 'believe', 'believes', 'believed'],
  ...['claimed', 'claim', 'claims', 'described', 'called', 'heard', 'asked', 'suggested', 'argued', 'argue'],
  ...['complained', 'raised', 'insisted', 'quoted', 'read', 'commented', 'posted', 'replied', 'joked'],
]);

/** Subjects that make a saying/feeling verb the writer's own voice ("I think it was …", "it felt …"). */
export const EN_SELF_SUBJECTS = new Set(['i', 'we', 'it', 'this', 'that', 'which', 'everything', 'honestly']);

export const EN_LEXICON: Lexicon = { ...EN_LEXICON_PEOPLE_AND_HARM, ...EN_LEXICON_WORDS };
