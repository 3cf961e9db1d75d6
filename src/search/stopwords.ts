/** Function words, the pieces contractions split into ("I'd" -> "i", "d"), and question chatter: no meaning for matching. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself yourselves s t can't don't doesn't isn't i'm
  d ll m re ve don doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn hadn ain
  possible way ways want wanted anyone anybody someone somebody know get getting got like need able somehow
  something anything thing things any also please thanks hi hello tell e g etc let make`.split(/\s+/),
);
