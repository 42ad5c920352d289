"""The word lists the cast scan uses: titles, words that are never names, place and group words."""

from __future__ import annotations


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = _word_set(
    "mr mrs ms miss dr sir madam madame lady lord prince princess count countess duke duchess "
    "king queen emperor empress tsar czar tsarina tsarevich archduke grand captain colonel "
    "general major lieutenant sergeant doctor professor uncle aunt father mother monsieur "
    "mademoiselle mlle mme baron baroness st saint agent officer inspector detective comrade "
    "vicomte viscount marquis marquise earl abbé abbe herr frau serene"
)
# Titles written short with a full stop, after which a sentence does not end ("Mr. Darcy").
ABBREVIATIONS = _word_set("mr mrs ms dr st mme mlle messrs prof gen col capt lt sgt rev hon")
NATIONS = _word_set(
    "english french russian german austrian american british chinese italian spanish polish "
    "swedish scottish scotch scots irish dutch european christian prussian turkish turk tartar "
    "tatar cossack pole swede swiss greek roman hungarian bohemian moravian saxon bavarian "
    "hessian finn finnish danish dane norwegian portuguese japanese korean asian african arab "
    "arabian persian indian mexican canadian australian belgian jew jewish muslim catholic "
    "orthodox protestant ukrainian georgian armenian serbian bulgarian romanian czech slav "
    "latin gypsy yankee kazakh uzbek chechen egyptian israeli iranian iraqi syrian afghan "
    "pakistani vietnamese cuban brazilian argentine colombian welsh"
)
NOT_NAMES = NATIONS | _word_set(
    "i o oh ah god heaven providence monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "christmas easter ok okay tis twas mamma mama papa granny grandpa nanny majesty highness "
    "excellency lordship ladyship honour honor thy thee thou"
)
STOP = _word_set(
    "a an the but and or as if when then so yet for it he she they we you his her him me us them "
    "this that "
    "there here what who why how where in on at of to with from after before now still one all "
    "no not my our your their its do did have had was is be let yes well only even perhaps "
    "though although while since until once just every each some many most both either "
    "neither nor these those such again also besides meanwhile instead suddenly"
)
# The word before a name that says it is a place ("in Moscow", "to Meryton", "of Borodinó")…
PLACE_BEFORE = _word_set(
    "in at from to into onto near towards toward through of across beyond outside inside via"
)
# …or that it is a thing or a group, not a person ("the Guards", "a Frenchman").
ARTICLES = _word_set("the a an")
# A last word that makes a name a place: "Lucas Lodge", "Scotland Yard", "Bald Hills".
PLACE_NOUNS = _word_set(
    "lodge house park street hall square place road lane yard abbey castle church bridge gate "
    "hill hills cloister office station hotel club court palace garden gardens row terrace "
    "avenue common heath wood woods forest river lake bay island islands mountain mountains "
    "valley manor farm cottage tower inn cathedral chapel boulevard prospekt embankment quay "
    "harbour harbor port street strait sea ocean field fields moor downs airport square bank"
)
# Countries, continents and cities a reader knows: places however few times they are named.
PLACES = _word_set(
    "europe asia africa america australia antarctica arctic siberia caucasus balkans "
    "england scotland wales ireland britain france germany prussia austria italy spain "
    "portugal russia poland sweden norway denmark finland holland netherlands belgium "
    "switzerland greece turkey hungary bohemia serbia bulgaria romania ukraine georgia "
    "armenia azerbaijan kazakhstan uzbekistan china japan korea india pakistan afghanistan "
    "iran iraq persia syria israel palestine egypt lebanon jordan arabia morocco algeria "
    "tunisia libya canada mexico cuba brazil argentina chile colombia peru venezuela "
    "rhodesia africa macau macao hongkong singapore vietnam cambodia thailand "
    "london paris berlin vienna rome madrid lisbon moscow petersburg leningrad kiev kyiv "
    "warsaw prague budapest bucharest sofia belgrade athens istanbul constantinople "
    "stockholm oslo copenhagen helsinki amsterdam brussels geneva zurich bern munich "
    "hamburg dresden frankfurt milan venice naples florence marseille nice monaco "
    "tangier casablanca cairo beirut damascus baghdad tehran jerusalem dubai delhi bombay "
    "mumbai calcutta shanghai peking beijing tokyo kyoto seoul manila hanoi saigon "
    "bangkok sydney melbourne washington york boston chicago havana tallinn riga vilnius "
    "minsk odessa odesa smolensk vilna tilsit austerlitz borodino edinburgh glasgow "
    "dublin belfast dover brighton oxford cambridge"
)
_CONTRACTION = tuple(f"{mark}{end}" for mark in "'’" for end in ("ll", "m", "ve", "re", "d", "t"))


def is_contraction(word: str) -> bool:
    """I’ll, You'd, Don’t: a capital and an apostrophe, but not a name."""
    # Only the last four characters are lowered: no other character lowers to these letters.
    return word[-4:].lower().endswith(_CONTRACTION)


def is_nation_word(word: str) -> bool:
    """A nationality, its plural or its -man form: "Russian", "Russians", "Frenchmen"."""
    lower = word.lower()
    if lower in NATIONS or (lower.endswith(("man", "men")) and lower[:-3] in NATIONS):
        return True
    return lower.endswith("s") and (lower[:-1] in NATIONS or lower[:-2] in NATIONS)


def is_plural_of(word: str, known: frozenset[str]) -> bool:
    """Is word the plural of a name in known: "Rostóvs", "Lucases", "Bennets" (or "Williams")."""
    if len(word) < 4 or not word.endswith("s"):
        return False
    return word[:-1] in known or (word.endswith("es") and word[:-2] in known)
