/**
 * Small, general-purpose English word lists used as lexical cues. They are
 * about how claims are phrased (attribution, comparison, causation, norms,
 * hedging), not about any particular topic, speaker or data set.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Lemmas of verbs that attribute a statement to a source. */
export const ATTRIBUTION_VERBS = set(`
  say tell report claim state announce accuse argue warn note confirm deny admit
  testify write declare insist describe estimate reveal disclose acknowledge allege
  assert stress emphasize emphasise suggest indicate show find conclude predict
  criticize criticise praise quote cite
`);

/** Nouns that name an evidential source. */
export const SOURCE_NOUNS = set(`
  report study survey poll data statistic statistics figure figures analysis analyst analysts expert experts
  official officials spokesman spokeswoman spokesperson record records document documents
  investigation census agency department ministry office commission committee
`);

/** Legal / normative vocabulary (lemmas or lower-cased forms). */
export const LEGAL_TERMS = set(`
  law laws legal illegal illegally lawful unlawful unconstitutional constitutional constitution charter treaty
  court courts judge ruling rule ruled statute act legislation bill regulation regulations sanction sanctions
  convention right rights authorization authorisation authorize authorise approval approve approved ban
  prohibit prohibition require requirement mandate permit permission allow veto amendment article clause
  jurisdiction comply compliance violate violation breach lawsuit sue indict indictment prosecute
  prosecution convict conviction sentence legislature congress parliament senate
`);

/** Causal connectives and verbs. */
export const CAUSAL_TERMS = set(`
  because cause caused causes causing due result resulted results lead led leads consequently therefore
  thus hence thanks drive drives driven trigger triggered fuel fuels fueled fuelled
  increase increases reduce reduces prevent prevents undermine undermines
`);

/** Future / prediction markers. */
export const PREDICTION_TERMS = set(`
  will 'll shall forecast forecasts predict predicts predicted projection projected expect expects expected
  likely unlikely soon tomorrow upcoming future
`);

/** Modal / hedging words (opinion, speculation). */
export const HEDGE_TERMS = set(`
  think believe feel guess hope wish maybe perhaps probably possibly seem seems seemed appear apparently
  should ought could might may would must suppose opinion arguably
`);

/** Evaluative words typical of opinion rather than checkable fact. */
export const EVALUATIVE_TERMS = set(`
  great greatest terrible horrible wonderful beautiful amazing incredible disaster disastrous tremendous
  fantastic awful bad good best worst nice love hate stupid smart sad shame disgrace disgraceful
  hypocrisy hypocritical duplicity bold weak weakness strong frankly honestly believe
`);

/** Comparison cues (besides morphological comparatives/superlatives). */
export const COMPARISON_TERMS = set(`
  than more most less least fewer fewest double doubled triple tripled half twice record highest lowest
  largest biggest smallest greatest worst best ever never first last only increase increased decrease
  decreased rise rose risen fall fell fallen grow grew grown drop dropped up down compared versus
`);

/** Quantity words written in letters. */
export const NUMBER_WORDS = set(`
  two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
  thousands million millions billion billions trillion trillions dozen dozens percent percentage half
  quarter third
`);

/** Pronoun groups. */
export const FIRST_SINGULAR = set(`i me my mine myself`);
export const FIRST_PLURAL = set(`we us our ours ourselves`);
export const SECOND_PERSON = set(`you your yours yourself yourselves`);

/** Greetings, thanks and discourse fillers that rarely carry claims. */
export const PHATIC_TERMS = set(`
  thank thanks hello hi welcome congratulations please okay ok yes no yeah goodbye bye sorry excuse
  applause laughter crosstalk inaudible
`);

/**
 * Interpretive / analytical vocabulary: verbs and nouns with which a writer
 * frames meaning ("this underscores…", "reflects the deeper reality…") rather
 * than reports a checkable fact.
 */
export const INTERPRETIVE_TERMS = set(`
  underscore underscores underscored highlight highlights highlighted reflect reflects reflected signal signals
  signaling signalling illustrate illustrates illustrated epitomize epitomizes symbolize symbolizes validate validates
  bolster bolsters strengthen strengthens expose exposes lay lays bare contradiction contradictions hypocrisy
  duplicity irony reality narrative rhetoric window lesson meaning implication implications
`);

/** Words stating a rule, requirement or permission. */
export const RULE_TERMS = set(`
  must required require requires requiring requirement mandatory mandate mandated authorization authorisation
  authorize authorise authorized authorised approval approve approved cleared clearance permission permitted
  prohibited prohibit banned ban barred forbidden forbid allowed obliged obligated
`);

/** Titles that precede a person's name. */
export const PERSON_TITLES = set(`
  president secretary minister senator governor mayor chancellor ambassador general admiral colonel director
  undersecretary spokesman spokeswoman spokesperson chairman chairwoman chair commissioner prime premier judge
  justice representative rep sen gov dr prof king queen prince pope ceo chief
`);
