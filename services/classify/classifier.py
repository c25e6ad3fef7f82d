"""The classifier: article in, incidents with ACLED types, tolls, places, actors and reasons out.

Pure and deterministic. The text is scanned once per regex family (cues, tolls, places,
actors, dates); the matches are then assigned to sentences, sentences are grouped into
incidents (a new place, "In a separate incident", or a claim starts a new one), and each
incident is decided by the precedence rules and rated by the severity policy. The article's
headline fields are those of its most severe incident.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from services.classify.actors import Actor, find_actors
from services.classify.background import background_starts
from services.classify.calendar import MONTH_NUMBER, WEEKDAYS
from services.classify.casualties import TollMention, attacker_count, extract_tolls
from services.classify.dateline import strip_dateline
from services.classify.gazetteer import Place, gazetteer
from services.classify.numerals import VAGUE
from services.classify.precedence import STRONG, Decision, Evidence, decide
from services.classify.severity import SeverityPolicy, default_policy
from services.classify.taxonomy import Cue, find_cues
from services.classify.triggers import TriggeredAlternation, Words, required_keys
from shared.models import Article, Classification, Incident, Reason, Severity, severity_rank
from shared.taxonomy import EVENT_TYPES

# A sentence ends after . ! ? (and any closing quote) before a capital, or at a line break.
# The pattern starts with one class of all four characters so the engine skips to them (an
# alternation of the two cases tries both at every character, twice the cost); group 1 is
# the gap between sentences.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])([\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9]))|(?<=\n)\s*)")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Rep|Sen|Gov|Jr|Sr|Brig|Cpl|Pvt|vs"
    # "on Feb. 25": a month's abbreviation, not the end of a sentence.
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_SEPARATE = re.compile(
    r"^\W*(?:in\s+(?:a|another)\s+separate\s+(?:incident|attack|development)|separately|elsewhere"
    r"|in\s+another\s+(?:incident|attack|development)|meanwhile|in\s+a\s+related\s+development)",
    re.I,
)
_CLAIM = TriggeredAlternation(
    [
        (
            "claim",
            r"\bclaim(?:ed|s|ing)?\b|\bsaid\s+(?:in\s+a\s+statement\s+(?:that\s+)?)?(?:its|their)"
            r"\s+(?:fighters|militants|men|forces|troops|units|combatants)\b",
        )
    ],
    re.I,
)
# "Dasht-e Arch district": the kind word is found by the word index, then up to three
# capitalised words right before it are the name.
_LOC_KIND = TriggeredAlternation(
    [
        (
            "kind",
            r"(?:district|province|governorate|region|county|state|town|village|city"
            # "Kulachi tehsil" (Pakistan), "Kyauktaw township" (Myanmar), "commune" (Sahel).
            r"|municipality|tehsil|township|commune|locality|territory|area"
            # Local papers capitalise the kind ("Zamfara State", "Depayin Township",
            # "Tsafe Local Government Area"); a camp is named before "refugee camp".
            r"|District|Province|Governorate|Region|County|State|Township|Tehsil|Municipality"
            r"|Local\s+Government\s+Area|LGA|(?:refugee|displacement|IDP)\s+camp)\b",
        )
    ]
)
_LOC_NAME_BEFORE = re.compile(
    r"[A-Z](?<![\w-].)[\w'’-]*(?:\s+(?:(?:da|de|del|do|dos|das|al|el)\s+)?[A-Z][\w'’-]*){0,2}\s+\Z"
)
_LOC_PREFIX = TriggeredAlternation(
    [
        (
            "prefix",
            r"\b(?P<kind>district|province|governorate|town|village|city|municipality|region"
            r"|site)"
            r"\s+of\s+(?P<name>(?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*)){0,2})",
        )
    ]
)
# "an attack on Masala, in North Kivu province": a name placed by an apposition is a town
# (or village) even when the gazetteer does not know it. The apposition (", in <Capital>")
# is rare and found first; the name is then read right before it.
_APPOSITION = re.compile(
    r",\s+(?:an?\s+(?:[\w-]+\s+){0,2}?(?:village|town|locality|centre|center|settlement|hamlet"
    r"|community)\s+)?(?:in|near)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?[A-Z]"
    # "in Boni, a town on the main road between ...", "Kibati, a village north of Goma".
    r"|,\s+an?\s+(?:[\w-]+\s+){0,2}?(?:village|town|locality|settlement|hamlet"
    r"|local\s+government\s+area|district|municipality|commune)\s+(?:on|along|off|outside|about"
    r"|some|north|south|east|west|near)\b"
    # "in El Geneina, the capital of Sudan's West Darfur state".
    r"|,\s+the\s+(?:\w+\s+)?capital\s+of\s+"
)
# Common nouns whose "of <Name>" names a spot ("the main market of Tawila, in North Darfur").
_SPOT_OF = (
    r"(?:market|outskirts|centre|center|suburbs?|camp|site|neighbou?rhood|streets|entrance"
    r"|people|residents|inhabitants)"
)
_APPOSED_NAME = re.compile(
    rf"\b(?:in|on|near|at|outside|{_SPOT_OF}\s+of|control\s+of|captured|seized|entered|overran"
    r"|attacked|raided)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\Z"
)
# "stormed a camp in Tarkint in northern Mali", "the market of Um Rawaba in North Kordofan
# state": a name placed inside a named area right after it (the wires' third site form).
# The area part (" in northern Mali") starts with a literal the regex engine finds fast; the
# name is then read right before it, as for an apposition.
_PLACED_IN = re.compile(
    r" in (?:the )?(?:(?:north|south|east|west|central|far)\w* )?[A-Z]"
    r"| in the (?:(?:north|south|east|west|central)\w* )?(?:countryside|outskirts|suburbs) of [A-Z]"
    r"| in the (?:far |extreme )?(?:north|south|east|west|centre|center)\w* of\b"
)
_PLACED_IN_NAME = re.compile(
    rf"\b(?:in|near|at|outside|{_SPOT_OF}\s+of)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\Z"
)
_MONTHS = MONTH_NUMBER
_MONTH_RE = "|".join(
    [*_MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_DATE = TriggeredAlternation(
    [
        (
            "date",
            rf"\b(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
            rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
            r"|(?P<mm>\d{2})/(?P<dd>\d{2})/(?P<yy>\d{4})"
            r"|on\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
        )
    ],
    re.I,
)
_WEEKDAYS = WEEKDAYS
_VIOLENT_FAMILIES = frozenset(
    [
        "chemical",
        "suicide",
        "air",
        "shelling",
        "ied",
        "grenade",
        "sexual",
        "abduction",
        "attack",
        "clash",
        "capture",
        "recapture",
        "protest",
        "violent_demo",
        "mob",
        "excessive",
        "looting",
        "disrupted",
        "armed_victim",
        "civ_victim",
    ]
)
# Words that make a sentence talk about an event rather than report one.
_STATEMENT = TriggeredAlternation(
    [
        (
            "statement",
            r"\b(?:claimed\s+responsibility|claims?\s+of\s+responsibility|accus\w+|denied|denies"
            r"|deny|responsible\s+for|sanctions?|condemn\w*|in\s+response\s+to|blamed|blames"
            r"|warned|threaten\w*|vowed|pledged|anniversary|commemorat\w+|trial|court|sentenced"
            # An appeal: "The envoy called on all parties to exercise restraint after clashes".
            r"|called\s+(?:on|for|upon)|urged|appealed"
            r"|convicted|tests?\s+of|tested|takes?\s+credit|took\s+credit|suspected\s+(?:to\s+be\s+|of\s+"
            r"(?:being\s+)?)?behind|(?:is|are|was|were)\s+behind"
            # An intention reported: "said the group would also hand over explosives".
            r"|(?:said|says|added)\s+(?:that\s+)?(?:the\s+\w+\s+|it\s+|they\s+|he\s+|she\s+)"
            r"(?:would|will)\b)\b",
        )
    ],
    re.I,
)
# A disaster or a match forms its own segment, so that it can veto what it holds ("a state
# of emergency lets officials take control of services" after "wildfires are burning").
_EVENTFUL = STRONG | {"disaster", "sport", "market"}
# Families whose cue in a lead says the story is not about an incident.
_NON_EVENT_FAMILIES = frozenset(
    [
        "culture",
        "drill",
        "arms_deal",
        "sport",
        "market",
        "disaster",
        "crime",
        "aid",
        "trial",
        "stats",
    ]
)
# Attacks a story can name as a pattern ("regular drone attacks on the port").
# Story subjects whose own sentences tell violence as history: a film, a hearing, a report.
_SUBJECT_FAMILIES = frozenset(["culture", "trial", "stats"])
# Cues that report something happening today, whatever the story's subject.
_TODAY_FAMILIES = _VIOLENT_FAMILIES | {"protest", "crowd_clash", "violent_demo", "mob"}
_HABITUAL_FAMILIES = frozenset(["air", "shelling", "ied", "grenade", "attack", "clash", "mob"])
_QUOTES = frozenset("\"“‘'")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|I)\b")
_CRITICAL_FAMILIES = ("capture", "chemical", "suicide")
# "No reinforcements have come", "no arrests were made", "no agreement was reached": a
# negated strategic development did not happen. Violent cues are not negated this way
# ("no casualties" is about the toll, and "not far from the blast" still has a blast).
_NEGATABLE = frozenset(["change_group", "agreement", "arrests", "hq", "other", "looting"])
_NEGATED = re.compile(
    r"(?:\b(?:[Nn]o|[Nn]ot|[Nn]ever|[Nn]or|yet\s+to)\b|n['’]t\b)(?:\s+[\w'’-]+){0,3}?\s+\Z"
)
# "The ministry summoned the ambassador to protest against the operations": diplomacy.
_DIPLOMATIC_PROTEST = re.compile(r"\b(?:summon\w*|called\s+in)\b[^.;]{0,60}?\bto\s+\Z")
# "in anticipation of more demonstrations", "ahead of planned protests": not (yet) a protest.
_PROTEST_AHEAD = re.compile(
    r"\b(?:anticipation\s+of|ahead\s+of|to\s+prevent|plans?\s+(?:for|to)|planned|called\s+for"
    r"|calls?\s+for"
    # "arrested ... on charges related to organising an illegal protest": the charge.
    r"|(?:for|of)\s+(?:organi[sz]ing|leading|staging|joining|inciting|taking\s+part\s+in"
    r"|participating\s+in))\s+(?:[\w'’-]+\s+){0,3}?\Z",
    re.I,
)
# "demanding the release of a student detained", "protested against the arrest of": the
# arrests are the protest's grievance, not an intervention.
_GRIEVANCE = re.compile(
    r"\b(?:release\s+of|against|decr\w+|over(?!\s+\d)|demand\w*|denounc\w+|condemn\w*)\s+"
    r"(?:[\w'’-]+\s+){0,4}?\Z",
    re.I,
)
# "close to the border with Mali", "fled into neighbouring Chad", "the Mali border": a
# place beyond where the story happened, one weak vote for its country.
_BEYOND = re.compile(
    r"\b(?:border(?:s|ing)?(?:\s+with)?|neighbou?ring|fled\s+(?:in)?to|crossed\s+(?:in)?to"
    r"|across\s+the\s+border\s+(?:in)?to)(?:\s+the)?\s+\Z",
    re.I,
)
_BORDER_AFTER = re.compile(r"[\s-]+(?:[A-Z][\w'’]*\s+)?border\b")
# "hundreds of people are killed by mobs every year": a rate, not a toll of this story.
_EVERY_YEAR = re.compile(
    r"\b(?:every|each|per)\s+(?:year|month|week)\b|\bannually\b|\ba\s+year\s+(?:on|in)\s+average\b"
)
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|on|outside|from|of|to|into|around|across|toward|towards|between|and)"
    r"(?:\s+(?:the|a|northern|southern|eastern|western|central|north|south|east|west|town|city"
    r"|village|capital)\b)*\s+\Z",
    re.I,
)
# Where the wounded or the dead were taken is not where the event was: "shifted to the
# Army's Base Hospital in Srinagar", "rushed to hospitals in Peshawar", "evacuated to Kabul".
_TREATED_AT = re.compile(
    r"(?:\b(?:taken|rushed|shifted|flown|evacuated|referred|transferred|airlifted)"
    r"\s+(?:\w+\s+)?to\s+|\b(?:admitted|treated|treatment)\b)"
    r"(?:[^.;]{0,40}?\b(?:in|at)\s+)?(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?\Z"
    # Where it was told, not where it happened: "Speaking to reporters in Maputo", "told a
    # news conference in Bamako".
    r"|\b(?:speaking|spoke|told\s+(?:reporters|journalists)|(?:news|press)\s+conference)"
    r"(?:\s+to\s+(?:reporters|journalists))?\s+in\s+\Z",
    re.I,
)
# "the attacker", "the blast": a sentence that names the incident just reported again.
_BACK_REFERENCE = re.compile(
    r"\b[Tt]he\s+(?:attackers?|bombers?|assailants?|gunmen|blast|explosion|attack|bombing|raid"
    r"|ambush|assault|strike|shelling)\b"
)
# "The outposts seized were Kho and Nam": the places just taken, listed (same incident).
_LISTS_TAKEN = re.compile(
    r"(?:The|These|Those)\s+(?:outposts?|posts?|bases?|camps?|positions?|villages?|towns?"
    r"|areas?)\s+(?:seized|captured|taken|overrun|occupied)\b"
)
_KIND_AFTER = re.compile(
    r"\s+(?:Township|District|Province|State|Region|County|City|Town|Village)$"
)
# "killed during the fighting", "bodies after the assault": a toll that names the event.
_SAME_EVENT = re.compile(
    r"\b(?:the|this|that)\s+(?:attack|assault|raid|fighting|clash(?:es)?|battle|ambush|bombing"
    r"|blast|explosion|strike|shelling|siege|offensive|combat|violence)\b",
    re.I,
)
# "The attacks on Saturday in Bama, a town in Borno state, targeted ...": a sentence that names
# the event just reported, to say where it was.
# "police said", "the regional police spokesperson said": a force named as a source.
_SOURCE_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:said|says|told|reported|confirmed|spokes\w+|stated)\b"
)
# Weak attack cues that still say someone attacked ("an attack on a village", "gunfire").
_ATTACK_WORDS = (
    "attack", "raid", "massacre", "assault", "gunm", "gunfire", "shot", "shoot", "armed",
    "bandit", "assailant",
)  # fmt: skip
# Decisions that rest on victims and a toll alone, and the cue families that name who did it.
_VICTIM_ONLY_RULES = frozenset(
    ["killed_without_other_sign", "civilian_victims", "armed_victims", "violence_against_civilians"]
)
# (The violent families less victim words and the weak "attack"/"disrupted", which name no
# one, plus crowds meeting the police.)
_AGENT_FAMILIES = (_VIOLENT_FAMILIES - {"attack", "disrupted", "armed_victim", "civ_victim"}) | {
    "crowd_clash",
    "protest_attacked",
    "intervention",
    "arrests",
}
_ARMED_GROUP_WORDS = frozenset(
    ["terrorists", "insurgents", "militants", "jihadists", "rebels", "attackers"]
)
_SPECIFIC_KINDS = frozenset(["town", "district", "province"])
_NAMES_IT_AGAIN = re.compile(
    r"(?:The|These|Those|That|This)\s+(?:attacks?|assaults?|raids?|blasts?|explosions?|bombings?"
    r"|strikes?|ambush(?:es)?|clash(?:es)?|fighting|shelling|killings?|massacre|attackers?"
    r"|bombers?|assailants?|gunmen)\b"
)
# A demonym that places a spot: "the Lebanese town of", "the Somali capital".
_KIND_NEXT = re.compile(
    r"\s+(?:town|city|village|province|district|region|capital|port|state|county|governorate"
    r"|border\s+town)\b"
)
# "Turkish forces", "Israeli jets": a demonym before an armed force or its arms names who
# acted, not where; before a people ("Malian herders"), where they come from. Both are weak
# votes for its country.
_FORCE_NEXT = re.compile(
    r"\s+(?:(?:armed|security|special|ground|air|naval|government)\s+)?(?:forces|troops|army"
    r"|soldiers|military|helicopters|jets|warplanes|aircraft|drones?|artillery|officials"
    r"|ambassador|navy|air\s+force|border\s+guards|gendarmes)\b"
    # "Malian Dawsahak herders", "Sudanese refugees": where people come from, not the place.
    r"|(?:\s+[A-Z][\w'’-]+)?\s+(?:community|communities|nationals|refugees|migrants|herders"
    r"|traders|citizens|pilgrims|workers)\b"
)
_GOVERNMENT_NEXT = re.compile(r"(?:'s)?\s+(?:government|govt|national\s+army|loyalist)", re.I)
# "the Hodan district of Mogadishu", "the Al-Wahda neighbourhood of the city of Aden".
_QUARTER_OF = re.compile(
    r"\s+(?:district|neighbou?rhood|area|quarter|suburb|section|tehsil|township|commune"
    r"|sub-district|subdistrict)\s+of\s+(?:the\s+)?"
    r"(?:(?:city|capital)\s+of\s+)?",
    re.I,
)
_EXHUMED = re.compile(r"\bmass\s+graves?\b|\bexhum\w+", re.I)
_CROWD_CLASH = re.compile(r"clash", re.I)
_PRONOUN = re.compile(r"(?:He|She|They|It|His|Her|Their)\b")
# "There was no fighting", "without clashes": a negated battle did not happen.
_NO_FIGHT = re.compile(
    r"\b(?:[Nn]o|[Ww]ithout|[Nn]ot\s+any|[Nn]or|not\s+(?:take|took|taken|engage|engaged|participate"
    r"|participated)\s+(?:part\s+)?in\s+any"
    # "called for an immediate halt to the fighting": talk about fighting, not a report.
    r"|(?:halt|end|stop|cessation|pause)(?:\s+(?:to|of))?(?:\s+the)?"
    # "a pause caused by fighting in the east", "fled due to fighting": named as a cause.
    r"|(?:caused\s+by|due\s+to|because\s+of|because|since)(?:\s+the)?"
    # "signed a peace deal, ending months of fighting": the fighting is over, not news.
    r"|(?:ending|ended|ends)\s+(?:\w+\s+){0,3}?of)\s+(?:any\s+|heavy\s+)?\Z"
)
# "The group had not attacked anyone": a violent verb that did not happen.
_NOT_DONE = re.compile(r"\b(?:not|never|n['’]t)\s+(?:yet\s+)?(?:been\s+)?\Z")
_DONE_FAMILIES = frozenset(["attack", "clash", "armed_victim", "civ_victim"])
# How the authorities answered a protest.
_RESPONSE = frozenset(["intervention", "arrests", "excessive"])
# A taking that did not happen (yet), or a standing state rather than an event: "they want to
# take over the camp", "could fall to", "the town, which is under the control of HTS", "the
# situation was brought under control".
_NOT_TAKEN = re.compile(
    r"(?:\b(?:want|wants|wanted|plan|plans|planned|aim|aims|aimed|vow\w*|threaten\w*|seek|seeks"
    r"|sought|try|tries|tried|trying|attempt\w*|hope|hopes|hoped|intend\w*|prepar\w*|bid|failed"
    r"|able|unable|order\w*|urged|allow\w*|operation|offensive|attempt|effort|push|campaign"
    r"|drive|mission)\s+to"
    # "the terrorists' large-scale attack to capture the positions was fended off": the aim.
    r"|\b(?:attacks?|assaults?|bid)\s+(?:[\w'’()-]+\s+){0,3}?to|\b(?:will|would|could|may|might|cannot|can['’]t"
    r"|not)|\b(?:[Nn]either|[Nn]o)(?:\s+side)?|\b(?:which|that|who|where)\s+(?:\w+\s+)?(?:is|are|has\s+been|have\s+been|remains?"
    r"|remained)(?:\s+(?:still|now|largely|mostly|firmly))?|\bsituation\s+(?:\w+\s+)?(?:is|was"
    r"|has\s+been|had\s+been)(?:\s+(?:now|brought|largely))?)\s+\Z"
)
# "a petrol tanker explosion", "the gas cylinder exploded": an accident, not a device.
_ACCIDENTAL = re.compile(
    r"\b(?:tanker|fuel|petrol|gasoline|diesel|gas|cylinder|boiler|pipeline|factory|refinery"
    r"|transformer|fireworks)\s+(?:[\w'’-]+\s+){0,2}?\Z",
    re.I,
)
# "a plan to bring all weapons under state control": arms, not a place, come under control.
_ARMS_UNDER = re.compile(
    r"\b(?:weapons|arms|guns|ammunition|arsenals?|missiles|drones)(?:\s+[\w'’-]+){0,2}\s+\Z",
    re.I,
)
# "regular Russian missile and drone attacks on the port", "near-daily strikes": a pattern of
# attacks named as context, not one incident (unless the sentence gives a toll).
_HABITUAL = re.compile(
    r"\b(?:regular|repeated|frequent|near-daily|daily|nightly|weekly|constant|persistent"
    r"|sporadic|occasional|routine|incessant|relentless|recurrent)"
    r"(?:\s+[\w'’-]+){0,3}?\s+\Z",
    re.I,
)
# "divided over wording on air strikes", "condemned attacks on hospitals", "a ban on drone
# strikes": attacks as the topic of talks, statements or reports, not an incident.
_TOPIC = re.compile(
    r"\b(?:over|about|regarding|concerning|wording\s+on|debate\s+on|condemn\w*|denounc\w*"
    r"|an\s+end\s+to|a\s+halt\s+to|ban\s+on|investigation\s+into|inquiry\s+into"
    r"|report\s+on|(?:bill|law|legislation)\s+(?:on|against|to\s+(?:make|ban|punish|curb))"
    r"|debat\w+)\s+(?:[\w'’-]+\s+){0,3}?\Z",
    re.I,
)
# "Drone strikes on power stations have also disrupted the water supply": a state of affairs
# in the perfect, the context of a story whose lead reports no event.
_PERFECT = re.compile(
    r"\b(?:have|has|had)\s+(?:also\s+|repeatedly\s+|often\s+|long\s+|further\s+)?(?:been\s+)?"
    r"[a-z]+(?:ed|en|t)\b"
)
# "on Monday", "late Tuesday", "overnight": a day of the story's own ("Easter Sunday" is not).
_STORY_DAY = re.compile(
    r"\b(?:(?:on|late|early|last|this|since|until|by)\s+(?:monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)|today|tonight|overnight|yesterday"
    r"|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
    re.I,
)
# The words every match of these holds (lower-cased): a window or sentence of lower-cased
# ASCII text without any of them is not searched (see `_keyed`, `_search`).
_TREATED_KEYS = required_keys(_TREATED_AT.pattern, _TREATED_AT.flags)
_HABITUAL_KEYS = required_keys(_HABITUAL.pattern, _HABITUAL.flags)
_TOPIC_KEYS = required_keys(_TOPIC.pattern, _TOPIC.flags)
_STORY_DAY_KEYS = required_keys(_STORY_DAY.pattern, _STORY_DAY.flags)
_EVERY_YEAR_KEYS = required_keys(_EVERY_YEAR.pattern, _EVERY_YEAR.flags)
_BEYOND_KEYS = required_keys(_BEYOND.pattern, _BEYOND.flags)
_DIPLOMATIC_PROTEST_KEYS = required_keys(_DIPLOMATIC_PROTEST.pattern, _DIPLOMATIC_PROTEST.flags)
_PROTEST_AHEAD_KEYS = required_keys(_PROTEST_AHEAD.pattern, _PROTEST_AHEAD.flags)
_GRIEVANCE_KEYS = required_keys(_GRIEVANCE.pattern, _GRIEVANCE.flags)
_NO_FIGHT_KEYS = required_keys(_NO_FIGHT.pattern, _NO_FIGHT.flags)
_ACCIDENTAL_KEYS = required_keys(_ACCIDENTAL.pattern, _ACCIDENTAL.flags)
_ARMS_UNDER_KEYS = required_keys(_ARMS_UNDER.pattern, _ARMS_UNDER.flags)
_BACKGROUND = TriggeredAlternation(
    [
        (
            "background",
            r"\b(?:came|comes|come)\s+(?:\w+\s+){0,2}?(?:days?|weeks?|months?|years?)\s+after"
            r"|\b(?:last|previous)\s+(?:year|month)\b|\byears?\s+ago\b"
            r"|\b(?:sentenced|convicted|acquitted|verdict|tribunal|on\s+trial)\b"
            # The trial's account of an older attack: "The judge said the men had provided
            # weapons to the gunmen", "the court heard".
            r"|\b(?:judges?|prosecutors?|defen[cs]e\s+lawyers?)\s+(?:\w+\s+)?(?:said|told|argued)\b"
            r"|\b(?:the\s+court\s+heard|told\s+the\s+court)\b"
            # A commemoration is of an older event: "gathered to remember the victims of the
            # bombings", "marks the anniversary of", "a memorial service".
            r"|\bmemorial\s+(?:service|ceremony|mass)\b"
            r"|\bto\s+(?:remember|honou?r|mourn)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:victims|dead)\b",
        )
    ],
    re.I,
)


# Who did it ("suspected to be behind", "claimed responsibility", "blamed"): CASE's ATTRIB,
# talk about an event even after its cue.
_ATTRIBUTION = re.compile(r"behind|responsib|claim|credit|blame", re.I)


def _reported_only(seg: _Segment, killed: int | None) -> bool:
    """True when every sentence talks about the event (claims, blame, trials) and none reports it.

    A capture or suicide cue no longer exempts such a segment ("Russia is accused of the nerve
    gas attack", "IS takes credit for the suicide bomb that killed dozens"), but a toll stated as
    news ("12 soldiers were killed", even a claimed one) does.
    """
    if not all(s.statement for s in seg.sentences):
        return False
    if any(
        c.weight >= 3 and c.family in STRONG and c.start < s.statement_at
        for s in seg.sentences
        if not _ATTRIBUTION.search(s.statement)
        for c in s.cues
    ):
        # "Security forces arrested dozens ... amid preparations to mark the anniversary":
        # the sentence reports the event before any talk about it.
        return False
    # A claimed figure ("the rebels claimed that 30 soldiers were killed, which the army
    # denied") is still a report of the event; only one in a relative clause is not.
    told = [(s, t) for s in seg.sentences for t in s.tolls if t.kind == "killed"]
    return all(_attributive(s, t) for s, t in told)


# "a suicide bomber", "Three suicide bombers", "two suspected suicide bombings".
_BOMBERS = re.compile(
    r"\b(?:(?P<one>an?|one)\s+(?:[\w-]+\s+){0,5}?suicide\s+(?:bomber|attacker|bombing)\b"
    r"|(?:\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?suicide\s+(?:bombers|attackers|bombings)\b)",
    re.I,
)
_SELF_COUNTED = re.compile(
    r"\b(?:himself|herself|themselves|bombers?|assailants?|attackers?|perpetrators?)\b", re.I
)
_INCLUDING_BOMBER = re.compile(
    r"\bincluding\s+(?:the\s+)?(?:suicide\s+)?(?:bombers?|assailants?|attackers?)\b", re.I
)
_BOMBER_SURVIVED = re.compile(
    r"\b(?:arrested|captured|detained|apprehended|failed\s+to\s+detonate|did\s+not\s+detonate"
    r"|before\s+(?:he|she|they)\s+could)\b",
    re.I,
)


def _happening(sentences: list[_Sentence]) -> str | None:
    """Words showing that something happened (force, harm, a strategic move), if any."""
    if any(s.background or s.statement for s in sentences) and not any(s.tolls for s in sentences):
        return None
    for s in sentences:
        for t in s.tolls:
            return t.evidence
        for c in s.cues:
            if c.family in _HAPPENING:
                return c.text
    return None


_HAPPENING = (_VIOLENT_FAMILIES | STRONG | {"military"}) - {"claim"}
_RELATIVE = re.compile(r"\b(?:that|which|who|whom)\b", re.I)


def _attributive(s: _Sentence, t: TollMention) -> bool:
    """ "claimed the bombing that killed 12": a toll in a relative clause after the statement."""
    at = s.statement_at
    return (
        0 <= at < t.start and _RELATIVE.search(s.text, at - s.start, t.start - s.start) is not None
    )


_ADDITIVE = re.compile(
    r"^\W*(?:in\s+addition\b|additionally\b)|\b(?:were|was|been)\s+also\s+(?:killed|wounded"
    r"|injured|shot)|\balso\s+(?:died|killed|wounded|injured)\b",
    re.I,
)
# "Two of the wounded died overnight": more dead on top of the toll, unless the toll was
# already given as risen ("has risen to 14 ... Five of the wounded died overnight").
_WOUNDED_DIED = re.compile(
    r"^\W*(?:[\w-]+\s+){1,2}of\s+the\s+(?:wounded|injured)\b[^.;]{0,40}?\b(?:died|succumbed)\b",
    re.I,
)
# Who gives a figure: officials (whose count ACLED prefers when sources disagree) or others.
_OFFICIAL = re.compile(
    r"\b(?:army|police|military|government|ministry|minister|governor|officials?|spokes\w+"
    r"|authorities|administrator|commissioner|commander|mayor|hospital)\b",
    re.I,
)
_UNOFFICIAL = re.compile(
    r"\b(?:civil\s+society|residents?|witness\w*|militia\w*|vigilantes?|local\s+sources?"
    r"|activists?|rights\s+groups?|villagers|survivors?|volunteers?|community\s+leaders?"
    r"|monitor|observatory)\b",
    re.I,
)
# "Police later said 15 had died", "the toll was later revised": a later figure updates.
_LATER = re.compile(r"\b(?:later|subsequently|revised|updated)\b", re.I)
# "..., while local leaders said 38 bodies had been found": a second source's figure.
_OTHER_SOURCE = re.compile(
    r"\b(?:while|whereas|but|although|though)\s+(?:[\w'’-]+\s+){0,6}?(?:said|say|says|put"
    r"|counted|reported|gave|claimed)\b"
)
# Words every match of a toll-sentence pattern holds (lower-cased for a re.I pattern): a
# sentence without any is passed over without trying the pattern at each character.
_EXHUMED_KEYS = required_keys(_EXHUMED.pattern, _EXHUMED.flags)
_ADDITIVE_KEYS = required_keys(_ADDITIVE.pattern, _ADDITIVE.flags)
_WOUNDED_DIED_KEYS = required_keys(_WOUNDED_DIED.pattern, _WOUNDED_DIED.flags)
_LATER_KEYS = required_keys(_LATER.pattern, _LATER.flags)
_OTHER_SOURCE_KEYS = ("while", "whereas", "but", "though")  # case-sensitive, as the pattern


def _holds(low: str, lo: int, hi: int, keys: tuple[str, ...]) -> bool:
    """Whether low[lo:hi] holds one of `keys` (a few substring scans of a short window: cheaper
    than a regex alternation of the keys, which tries each key at every character)."""
    if not keys:
        return True  # no key known: always searched
    window = low[lo:hi]
    for k in keys:  # noqa: SIM110 - a loop: any() over a generator costs twice as much in CPython
        if k in window:
            return True
    return False


def _keyed(
    keys: tuple[str, ...], rx: re.Pattern[str], text: str, low: str | None, lo: int, hi: int
) -> re.Match[str] | None:
    """`rx.search(text, lo, hi)`, skipped when `low` (`text` lower-cased, where its word
    characters are ASCII, else None) holds none of `keys` there: every match of `rx` holds one
    of them, lower-cased."""
    if low is not None and not _holds(low, lo, hi, keys):
        return None
    return rx.search(text, lo, hi)


def _search(rx: re.Pattern[str], keys: tuple[str, ...], s: _Sentence) -> re.Match[str] | None:
    """`rx.search(s.text)`, skipped when the lower-cased sentence holds none of `keys` (each
    match holds one, lower-cased); text with non-ASCII letters is always searched."""
    if keys and s.low is not None and not any(k in s.low for k in keys):
        return None
    return rx.search(s.text)


# Where a new clause starts inside a sentence ("officials said that rebels ...").
_CLAUSE = re.compile(r"\b(?:said|says|that|claimed|reported|after|when|while|as)\b|;")


# A group named by an acronym the actor table does not know ("the SSA-N", "UWSA's 468th
# Brigade", "CCMSR rebels") is almost always a non-state armed group; these are states' forces,
# peacekeepers, or not actors at all (news agencies, institutions).
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,3})?\b")
_STATE_ACRONYMS = _words(
    "ANA ANP ANDSF NDS FARDC SAF IDF FAMA FAMa FANB SNA UPDF KDF ENDF TPDF SSPDF SPLA FDS DSF"
    " ISF CTS PMF PMU GNA LNA AMISOM ATMIS MINUSMA MONUSCO UNAMID MNJTF JTF BSF CRPF PNP AFP"
    " NATO KFOR FANSA BIR"
)
_NOT_ACTORS = _words(
    "AP UN EU US USA UK BBC CNN ACLED GTD ICRC MSF OCHA UNHCR UNICEF WHO NGO TV ID GMT AM PM"
    " II III IV"
)


def _acronym_side(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    """The first group acronym in text[lo:hi] and its side, if any."""
    for m in _ACRONYM.finditer(text, lo, hi):
        word = m.group(0)
        if word in _NOT_ACTORS:
            continue
        return m.start(), "state" if word in _STATE_ACRONYMS else "non_state"
    return None


_BASE_WORDS = re.compile(
    r"\b(?:base|bases|post|posts|outpost|outposts|checkpoint|checkpoints|garrison|barracks"
    r"|camp|airbase)\b",
    re.I,
)
_BASE_WORDS_KEYS = required_keys(_BASE_WORDS.pattern, _BASE_WORDS.flags)


_Owner = Callable[[int], "_Sentence | None"]


class _Why(NamedTuple):
    """A reason before it becomes a `Reason`: only the kept incidents' reasons are built."""

    field: str
    value: str | int | float | bool | None
    evidence: str
    rule: str


def _reason(field: str, value: str | int | float | bool | None, evidence: str, rule: str) -> _Why:
    """`_Why(...)` without calling the NamedTuple's interpreted __new__ (a compiled call)."""
    return tuple.__new__(_Why, (field, value, evidence, rule))


_REASON_FIELDS = tuple(Reason.model_fields)
_setattr = object.__setattr__
_M = TypeVar("_M", bound=BaseModel)


def made(cls: type[_M], values: dict[str, Any]) -> _M:
    """`cls.model_construct(**values)` for values naming every field, already checked.

    What `model_construct` does minus its per-field default and alias loop, which was a
    fifth of the classifier's time: the classifier builds ~50 models per article from
    values it produced itself. `test_classifier` checks the result equals a validated model.
    """
    m = cls.__new__(cls)
    _setattr(m, "__dict__", values)
    _setattr(m, "__pydantic_fields_set__", set(values))
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    return m


@dataclass(slots=True)
class _Found:
    """One incident's fields, with reasons still as `_Why`, until it is kept."""

    severity: Severity
    event_type: str | None
    sub_event_type: str | None
    killed: int | None
    killed_max: int | None
    wounded: int | None
    wounded_max: int | None
    country: str | None
    location: str | None
    actors: list[str]
    tags: list[str]
    event_date: datetime | None
    reasons: list[_Why]
    # The incident holds the headline or the lead (ranked first among equally severe ones).
    lead: bool = False

    def values(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "killed": self.killed,
            "killed_max": self.killed_max,
            "wounded": self.wounded,
            "wounded_max": self.wounded_max,
            "country": self.country,
            "location": self.location,
            "actors": self.actors,
            "tags": self.tags,
            "event_date": self.event_date,
            "reasons": [
                made(Reason, dict(zip(_REASON_FIELDS, r, strict=True))) for r in self.reasons
            ],
        }


class _Sentence:
    # A plain slotted class: an article has ~25 sentences, and a dataclass with five list
    # default factories cost twice as much to build.
    __slots__ = (
        "actors",
        "background",
        "claim_words",
        "cues",
        "dates",
        "end",
        "lead",
        "low",
        "places",
        "start",
        "statement",
        "statement_at",
        "text",
        "tolls",
        "treated_at",
        "unplaced",
    )

    def __init__(self, start: int, end: int, text: str, low: str | None = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        # `text` lower-cased when the article's word characters are all ASCII, else None.
        self.low = low
        self.cues: list[Cue] = []
        self.tolls: list[TollMention] = []
        self.places: list[Place] = []
        # Where the wounded or dead were taken: the country's, not the event's place.
        self.treated_at: list[Place] = []
        self.actors: list[Actor] = []
        self.dates: list[re.Match[str]] = []
        # First words, if any, that make the sentence a claim, a statement, or background.
        self.claim_words = ""
        self.statement = ""
        self.statement_at = -1
        self.background = False
        # The headline or the body's first sentence: where news states its event.
        self.lead = False
        # Offsets of towns not introduced by a locative word (weak country evidence).
        self.unplaced: set[int] = set()

    @property
    def claim(self) -> bool:
        return bool(self.claim_words)

    @property
    def violent(self) -> bool:
        return bool(self.tolls) or any(
            c.family in _VIOLENT_FAMILIES and c.weight >= 2 for c in self.cues
        )

    @property
    def eventful(self) -> bool:
        if self.tolls:
            return True
        return sum(c.weight for c in self.cues if c.family in _EVENTFUL and c.weight >= 2) >= 2


@dataclass
class _Segment:
    sentences: list[_Sentence] = field(default_factory=list)
    claim: bool = False
    # Sentences right after it that name the incident again with no cue of their own ("The
    # attack happened near Djibo, in Soum province"): where to look when it names no place.
    near: list[_Sentence] = field(default_factory=list)

    @property
    def violent(self) -> bool:
        return any(s.violent for s in self.sentences)

    @property
    def place_keys(self) -> set[str]:
        return {
            p.name.lower()
            for s in self.sentences
            for p in s.places
            if p.kind not in ("country", "demonym")
        }


def _split(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        gap = m.start(1) if m.start(1) >= 0 else m.start()
        # An abbreviation ends in "."; the look-up is needed only then, and only where the
        # window has an upper-case letter ("Gen.", "Feb.", "U.") or ends in "vs.".
        if text[gap - 1 : gap] == ".":
            window = text[max(0, gap - 6) : gap]
            if not (window.islower() and not window.endswith("vs.")) and _ABBREV.search(window):
                continue
        if gap > start:
            spans.append((start, gap))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _named_by_kind(words: Words) -> list[tuple[str, str, int]]:
    """(name, kind word, offset of the name) for "X district" and "district of X"."""
    text = words.text
    found = []
    for m in _LOC_KIND.finditer(words):
        window = text[max(0, m.start() - 80) : m.start()]
        if (n := _LOC_NAME_BEFORE.search(window)) is not None:
            name = n.group(0).rstrip()
            found.append((name, m.group(0), m.start() - len(window) + n.start()))
    for m in _LOC_PREFIX.finditer(words):
        found.append((m.group("name"), m.group("kind"), m.start("name")))
    for m in _APPOSITION.finditer(text):
        if (n := _APPOSED_NAME.search(text, max(0, m.start() - 48), m.start())) is not None:
            found.append((_KIND_AFTER.sub("", n.group("name")), "village", n.start("name")))
    for m in _PLACED_IN.finditer(text):
        if (n := _PLACED_IN_NAME.search(text, max(0, m.start() - 48), m.start())) is not None:
            # "the outskirts of Kyauktaw Township in northern Rakhine": the name, not its kind.
            found.append((_KIND_AFTER.sub("", n.group("name")), "village", n.start("name")))
    return found


# Capitalised words that start no place name ("The town", "Islamic State", "In Kabul").
_NOT_PLACE_NAMES = frozenset(
    ["The", "A", "An", "This", "That", "In", "Its", "Islamic", "United", "Federal", "Head"]
    + [m.capitalize() for m in MONTH_NUMBER]
    + [d.capitalize() for d in WEEKDAYS]
)


# "the Druze-majority province", "Houthi-held areas": a compound adjective, not a name.
_ADJECTIVE_NAME = re.compile(
    r"-(?:majority|dominated|held|controlled|led|run|based|populated|speaking|backed|linked)\b"
)


# Compiled once (a call of re.sub/re.match/re.search with a pattern string looks it up in
# re's cache first, in interpreted code).
_POSSESSOR = re.compile(r"^.*?['’]s\s+")
_TAKER_AFTER = re.compile(r"fell|under|(?:is|was|are|were|remains?|remained)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+\Z")


def _pattern_places(words: Words) -> list[Place]:
    """Districts and towns named by their kind ("Dasht-e Arch district"), gazetteer or not."""
    out = []
    for full, kind_word, offset in _named_by_kind(words):
        name = _POSSESSOR.sub("", full)
        kind = kind_word.lower()
        kind = (
            "province"
            if kind in ("province", "governorate", "region", "state")
            else "district"
            if kind
            in (
                "district",
                "county",
                "municipality",
                "tehsil",
                "township",
                "commune",
                "locality",
                "territory",
                "area",
            )
            or kind.startswith("local")
            or kind == "lga"
            else "town"
        )
        if name.split()[0] in _NOT_PLACE_NAMES or _ADJECTIVE_NAME.search(name):
            continue
        at = offset + full.find(name)
        out.append(Place(name, kind, "", None, 0, at, at + len(name)))
    return out


def _resolve_date(m: re.Match[str], published: datetime | None) -> datetime | None:
    g = m.groupdict()
    try:
        if g["mm"]:
            return datetime(int(g["yy"]), int(g["mm"]), int(g["dd"]), tzinfo=UTC)
        if g["wd"]:
            if published is None:
                return None
            back = (published.weekday() - _WEEKDAYS.index(g["wd"].lower())) % 7
            day = published.astimezone(UTC) - timedelta(days=back)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        month_name = (g["m1"] or g["m2"]).lower()
        month = next(v for k, v in _MONTHS.items() if k.startswith(month_name[:3]))
        day_n = int(g["d1"] or g["d2"])
        year_s = g["y1"] or g["y2"]
        if year_s:
            return datetime(int(year_s), month, day_n, tzinfo=UTC)
        if published is None:
            return None
        when = datetime(published.year, month, day_n, tzinfo=UTC)
        # A date later than publication without a year is last year's.
        if when > published + timedelta(days=1):
            when = when.replace(year=published.year - 1)
        return when
    except ValueError:
        return None


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")
_DATELINE_DAY = re.compile(r"(?P<month>[A-Za-z]{3})[a-z]*\.?\s+(?P<day>\d{1,2})")


# The year given to a dateline's day when the story names no year at all: only its month and
# day are then compared with other days of the text.
_ANY_YEAR = 2000


def _dated(day: str, text: str, lead_end: int) -> datetime | None:
    """The dateline's "Feb. 20" in the story's year, as `background` reads an undated story.

    The story's year is the latest one its lead (text[:lead_end]) names; a lead naming none
    is later than every year the text names ("since August 2022" is background).
    """
    m = _DATELINE_DAY.match(day)
    if m is None:
        return None
    in_lead = [int(y) for y in _YEAR_IN_TEXT.findall(text, 0, lead_end)]
    named = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
    year = max(in_lead) if in_lead else max(named) + 1 if named else _ANY_YEAR
    month = _MONTHS.get(next((k for k in _MONTHS if k.startswith(m["month"].lower())), ""), 0)
    try:
        return datetime(year, month, int(m["day"]), 12, tzinfo=UTC)
    except ValueError:
        return None


_COMMEMORATION = re.compile(
    r"\b(?:anniversary|commemorat\w+|memorial|to\s+(?:remember|honou?r|mourn)\s+the)\b", re.I
)


def _older_lead(lead: str, published: datetime | None) -> bool:
    """A lead about an older event: a commemoration, or a trial of an attack of an earlier
    year ("convicted four men over the June 2023 attack")."""
    if _COMMEMORATION.search(lead):
        return True
    if published is None:
        return False
    return any(int(y) < published.year for y in _YEAR_IN_TEXT.findall(lead))


def _quiet_lead(seg: _Segment) -> bool:
    """The lead sentences of a segment name no strong violence ("the general who led an
    assault division in the final offensive" in an obituary): the story's subject decides."""
    return not any(
        c.weight >= 3 and c.family in _VIOLENT_FAMILIES
        for s in seg.sentences
        # ("hostage-rescue film screened": a lead sentence naming its film or report tells
        # the violence as that subject's.)
        if s.lead and not any(x.family in _SUBJECT_FAMILIES and x.weight >= 3 for x in s.cues)
        for c in s.cues
    )


def _context_only(seg: _Segment, subject_matter: bool = False, older: bool = False) -> bool:
    """A segment with no toll, no date, no day of the story's own, and told in the perfect
    (or, in a story whose lead is about something else, `subject_matter`). In a story whose
    lead is about an older event (a trial, an anniversary), `older`, a toll is that event's."""
    if (seg.sentences[0].lead and not (subject_matter and _quiet_lead(seg))) or any(
        (s.dates or any(t.high > 0 for t in s.tolls)) and not older for s in seg.sentences
    ):
        return False
    if any(
        _search(_STORY_DAY, _STORY_DAY_KEYS, s)
        for s in seg.sentences
        if not (s.lead and subject_matter)
    ):
        return False
    if subject_matter or older:
        return True
    violent = [s for s in seg.sentences if any(c.family in _VIOLENT_FAMILIES for c in s.cues)]
    return bool(violent) and all(_PERFECT.search(s.text) for s in violent)


def _vague(mentions: list[TollMention]) -> bool:
    """Every figure is a vague amount ("dozens", "scores of", "several"), none a number."""
    return all(
        not any(ch.isdigit() for ch in t.evidence)
        and any(word in _VAGUE_WORDS for word in t.evidence.lower().split())
        for t in mentions
    )


_VAGUE_WORDS = frozenset(words[-1] if words[-1] != "of" else words[-2] for words in VAGUE)


_MEMO_MAX = 4096  # bounds a classifier's memo of policy answers (killed counts vary)


class Classifier:
    """Classifies articles under one severity policy. Thread-safe; holds no per-call state."""

    def __init__(self, policy: SeverityPolicy | None = None) -> None:
        self.policy = policy or default_policy()
        self.gazetteer = gazetteer()
        # The policy's answers, remembered: it is frozen, and articles ask the same few
        # questions (its methods are interpreted pydantic-model code, ~2% of a compiled run).
        self._rates: dict[tuple[str | None, int | None], tuple[Severity, str]] = {}
        self._tiers: dict[str | None, Severity] = {}

    def _rate(self, sub_event_type: str | None, killed: int | None) -> tuple[Severity, str]:
        key = (sub_event_type, killed)
        found = self._rates.get(key)
        if found is None:
            if len(self._rates) > _MEMO_MAX:
                self._rates.clear()
            found = self._rates[key] = self.policy.rate(sub_event_type, killed)
        return found

    def _type_tier(self, sub_event_type: str | None) -> Severity:
        found = self._tiers.get(sub_event_type)
        if found is None:
            if len(self._tiers) > _MEMO_MAX:
                self._tiers.clear()
            found = self._tiers[sub_event_type] = self.policy.type_tier(sub_event_type)
        return found

    # -- scanning ---------------------------------------------------------------------------

    def _sentences(
        self, text: str, published: datetime | None = None, lead: int = 1
    ) -> tuple[list[_Sentence], Words, _Owner]:
        words = Words(text)
        low = words.low
        sentences = [
            _Sentence(a, b, text[a:b], low[a:b] if low is not None else None)
            for a, b in _split(text)
        ]
        # Background (older events, war-wide totals): a whole sentence is flagged; the rest
        # of a sentence after a clause break is cut off, so its cues, tolls, places and dates
        # are not the event's (see `background` for when the lead can be background).
        found_bg = background_starts(
            words, [(x.start, x.end) for x in sentences], published, None, lead
        )
        cut: dict[int, int] = {}
        for i, sent in enumerate(sentences):
            sent.lead = i < lead
            found = found_bg.get(i)
            if found is None:
                # "The attacker drove a truck into crowds on July 14, 2016, killing 86. He was
                # shot dead by police.": a pronoun carries the older story on.
                if i >= lead and sentences[i - 1].background and _PRONOUN.match(sent.text):
                    sent.background = True
                continue
            if found[0] == sent.start:
                sent.background = True
            else:
                cut[id(sent)] = found[0]
        # The sentence holding each character (None between sentences and in a sentence's
        # background part, so nothing found there is the event's): one list index per match
        # instead of a binary search.
        at: list[_Sentence | None] = []
        for sent in sentences:
            at.extend([None] * (sent.start - len(at)))
            keep = cut.get(id(sent), sent.end) - sent.start
            at.extend([sent] * keep)
            at.extend([None] * (sent.end - sent.start - keep))
        at.extend([None] * (len(text) - len(at)))
        owner = at.__getitem__

        for cue in find_cues(words):
            if (s := owner(cue.start)) is not None:
                if cue.family in _NEGATABLE and _NEGATED.search(
                    text, max(0, cue.start - 24), cue.start
                ):
                    continue
                if cue.family == "protest" and (
                    _keyed(
                        _DIPLOMATIC_PROTEST_KEYS,
                        _DIPLOMATIC_PROTEST,
                        text,
                        low,
                        max(0, cue.start - 80),
                        cue.start,
                    )
                    or _keyed(
                        _PROTEST_AHEAD_KEYS,
                        _PROTEST_AHEAD,
                        text,
                        low,
                        max(0, cue.start - 40),
                        cue.start,
                    )
                ):
                    continue
                if cue.family == "arrests" and _keyed(
                    _GRIEVANCE_KEYS, _GRIEVANCE, text, low, max(0, cue.start - 48), cue.start
                ):
                    continue
                if cue.family == "clash" and _keyed(
                    _NO_FIGHT_KEYS, _NO_FIGHT, text, low, max(0, cue.start - 40), cue.start
                ):
                    continue
                if cue.family in _DONE_FAMILIES and _NOT_DONE.search(
                    text, max(0, cue.start - 16), cue.start
                ):
                    continue
                if cue.family in ("capture", "recapture") and _NOT_TAKEN.search(
                    text, max(0, cue.start - 40), cue.start
                ):
                    continue
                if cue.family == "ied" and _keyed(
                    _ACCIDENTAL_KEYS, _ACCIDENTAL, text, low, max(0, cue.start - 40), cue.start
                ):
                    continue
                if (
                    cue.family in ("capture", "recapture")
                    and cue.text[:5].lower() == "under"
                    and _keyed(
                        _ARMS_UNDER_KEYS, _ARMS_UNDER, text, low, max(0, cue.start - 40), cue.start
                    )
                ):
                    continue
                s.cues.append(cue)
        for s in sentences:
            # "Protesters clashed with police": demonstrators fighting the police are a
            # Violent demonstration (ACLED codes no Armed clash without two armed, organised
            # sides), whatever the police then did.
            # Rioters too ("Rioters looted shops and clashed with police").
            if any(
                (c.family == "protest" and c.weight >= 3)
                or (c.family == "violent_demo" and c.text[:4].lower() == "riot")
                for c in s.cues
            ):
                s.cues = [
                    c._replace(family="crowd_clash")
                    if c.family == "clash" and _CROWD_CLASH.match(c.text)
                    else c
                    for c in s.cues
                ]
        for toll in extract_tolls(text, words):
            if (s := owner(toll.start)) is not None and not _search(
                _EVERY_YEAR, _EVERY_YEAR_KEYS, s
            ):
                s.tolls.append(toll)
        for s in sentences:
            if s.cues and not s.tolls:
                # A pattern of attacks ("regular drone attacks", unless dated to the story's
                # days) or attacks as a topic ("divided over wording on air strikes").
                # Whether the sentence is dated is looked up only for a rate or a habitual match.
                kept: list[Cue] = []
                dated: bool | None = None
                rate: bool | None = None
                for c in s.cues:
                    if c.family in _HABITUAL_FAMILIES:
                        before = max(s.start, c.start - 48)
                        if rate is None:
                            rate = _search(_EVERY_YEAR, _EVERY_YEAR_KEYS, s) is not None
                        if rate or _keyed(_HABITUAL_KEYS, _HABITUAL, text, low, before, c.start):
                            if dated is None:
                                dated = _search(_STORY_DAY, _STORY_DAY_KEYS, s) is not None
                            if not dated:
                                continue
                        if _keyed(_TOPIC_KEYS, _TOPIC, text, low, before, c.start):
                            continue
                    kept.append(c)
                if len(kept) != len(s.cues):
                    s.cues = kept
        known = self.gazetteer.find(text)
        # "in Myanmar village", "the Somali town": a country or a demonym before a kind word
        # is no place name of its own.
        nations = {p.start for p in known if p.kind in ("country", "demonym")}
        # "Junta jet bombs Sagaing village": a region before "village" names where the village
        # is, unless the gazetteer knows a sizeable town of that name.
        regions = {p.start for p in known if p.kind == "province"} - {
            p.start for p in known if p.kind == "town" and p.population >= 50_000
        }
        patterned = [
            p
            for p in _pattern_places(words)
            if p.start not in nations
            and not (p.start in regions and text.startswith(" village", p.end))
        ]
        # "the sub-district of Kani Masi": the gazetteer's "Kani" (a town in Japan) is the first
        # word of a longer name found by its kind.
        longer = {p.start: p.end for p in patterned}
        known = [p for p in known if not (p.kind == "town" and p.end < longer.get(p.start, p.end))]
        low = words.low
        for place in known + patterned:
            if (s := owner(place.start)) is not None:
                before = max(s.start, place.start - 60)
                if (
                    low is None or _holds(low, before, place.start, _TREATED_KEYS)
                ) and _TREATED_AT.search(text, before, place.start):
                    s.treated_at.append(place)
                    continue
                s.places.append(place)
                if _keyed(
                    _BEYOND_KEYS, _BEYOND, text, low, max(s.start, place.start - 40), place.start
                ) or (_BORDER_AFTER.match(text, place.end)):
                    s.unplaced.add(place.start)
                elif place.kind == "town" and not _LOCATIVE.search(
                    text, max(s.start, place.start - 24), place.start
                ):
                    # "Federal police", "said Ali", "Kani Masi": a word the gazetteer knows
                    # as a small town somewhere, not placed by in/near/at/of.
                    s.unplaced.add(place.start)
        for m in _DATE.finditer(words):
            if (s := owner(m.start())) is not None:
                s.dates.append(m)
        # Sentence-level flags, found once over the article; a match must end in its sentence.
        # (`folded` matches may read the lower-cased text: their strings come from `text`.)
        for m in _CLAIM.folded(words):
            if (s := owner(m.start())) is not None and m.end() <= s.end and not s.claim_words:
                s.claim_words = text[m.start() : m.end()]
        for m in _STATEMENT.folded(words):
            if (s := owner(m.start())) is not None and m.end() <= s.end and not s.statement:
                s.statement = text[m.start() : m.end()]
                s.statement_at = m.start()
        for m in _BACKGROUND.folded(words):
            if (
                (s := owner(m.start())) is not None
                and m.end() <= s.end
                # "Protesters clashed with police on Thursday, hours after the leader was
                # sentenced": a lead that reports today's violence is not the trial's story.
                and not (
                    s.lead and any(c.weight >= 3 and c.family in _TODAY_FAMILIES for c in s.cues)
                )
            ):
                s.background = True
        for s in sentences:
            if s.statement[-5:].lower() in (" will", "would"):
                # "The commander said the group would hand over explosives and remove
                # landmines": what is intended has not happened; its cues are not the event's.
                s.cues = [c for c in s.cues if c.start < s.statement_at]
        for s in sentences:
            # '"We are confident the missiles came from the north," he said': a speaker's
            # view in the first person, not a report, unless it gives a toll.
            if not s.statement and not s.tolls and s.text[:1] in _QUOTES:
                who = _FIRST_PERSON.search(s.text)
                s.statement, s.statement_at = "quote", s.start + (who.start() if who else 1)
        return sentences, words, owner

    @staticmethod
    def _add_actors(words: Words, owner: _Owner, segments: list[_Segment]) -> None:
        """Actors, looked for only in the sentences that form incidents (never used elsewhere)."""
        used = {id(s) for seg in segments for s in seg.sentences}
        if not used:
            return

        def keep(at: int) -> bool:
            s = owner(at)
            return s is not None and id(s) in used

        for actor in find_actors(words, keep):
            if (s := owner(actor.start)) is not None:
                s.actors.append(actor)

    def _segments(self, sentences: list[_Sentence]) -> list[_Segment]:
        segments: list[_Segment] = []
        cur: _Segment | None = None
        for s in sentences:
            # Background ("the talks came a week after shelling killed 14", "last year an
            # attack killed 12", a court case about an old massacre) is not today's event.
            if not s.eventful or s.background:
                continue
            # "Ukrainian air defense ...": a demonym names people, not a new place.
            own = next((p for p in s.places if p.kind not in ("country", "demonym")), None)
            # "Eleven soldiers were killed when militants overran the camp, the army said,
            # while JNIM claimed it had killed dozens": a report that ends on a claim is not
            # itself a claim (its first toll comes before the claim word).
            at = s.text.find(s.claim_words) if s.claim else -1
            claim = s.claim and bool(s.tolls) and min(t.start for t in s.tolls) - s.start >= at
            new = (
                cur is None
                or bool(_SEPARATE.search(s.text))
                or claim
                or cur.claim
                # Background after a violent incident ("the truce ended") is not part of it,
                # unless it names the incident again ("the attacker ... detonated his vest").
                or (
                    cur.violent
                    and not s.violent
                    and (own is not None or _BACK_REFERENCE.search(s.text) is None)
                    # "No fighting was reported.": how the incident went, not a new one.
                    and not (own is None and all(c.family == "nonviolent" for c in s.cues))
                    # "Students held a protest ... The police intervened and arrested 7": the
                    # police's answer to the protest just reported.
                    and not (
                        own is None
                        and any(c.family == "protest" for x in cur.sentences for c in x.cues)
                        and any(c.family in _RESPONSE for c in s.cues)
                    )
                )
                or (
                    own is not None
                    and bool(cur.place_keys)
                    and own.name.lower() not in cur.place_keys
                    and not _LISTS_TAKEN.match(s.text)
                )
            )
            if new:
                cur = _Segment(claim=claim)
                segments.append(cur)
            assert cur is not None
            cur.sentences.append(s)
        return segments

    # -- deciding ---------------------------------------------------------------------------

    def _country_votes(self, sentences: list[_Sentence]) -> dict[str, float]:
        votes: dict[str, float] = {}
        weight = {"country": 3.0, "demonym": 1.0, "province": 2.0, "town": 1.0}
        for s in sentences:
            seen: set[tuple[int, str]] = set()
            for p in s.places + s.treated_at if s.treated_at else s.places:
                if p.country:
                    w = weight.get(p.kind, 0.5) * (1.0 if p.population else 0.3)
                    if p.start in s.unplaced:
                        w *= 0.3
                    if p.alternate:
                        # "south Lebanon": five small US towns called Lebanon are one weak
                        # vote for the United States, not five against the country named.
                        if (p.start, p.country) in seen:
                            continue
                        w *= 0.2
                    elif p.kind == "demonym" and _KIND_NEXT.match(s.text, p.end - s.start):
                        # "the southern Lebanese town of Nabatieh", "the Somali capital".
                        w = weight["country"]
                    elif p.kind == "demonym" and _FORCE_NEXT.match(s.text, p.end - s.start):
                        w *= 0.3
                    seen.add((p.start, p.country))
                    votes[p.country] = votes.get(p.country, 0.0) + w
        return votes

    def _incident(
        self,
        seg: _Segment,
        article_country: str | None,
        article_has_firm_toll: bool,
        published: datetime | None,
        news: bool = False,
        disaster_story: bool = False,
        crime_story: bool = False,
    ) -> _Found:
        reasons: list[_Why] = []
        ev = Evidence(disaster_story=disaster_story, crime_story=crime_story)
        if disaster_story:
            # "At least 37 people have died of cholera": every death is told beside the
            # disaster and no weapon, so the toll is the disaster's.
            toll_sentences = [
                s for s in seg.sentences if any(t.kind == "killed" and t.high > 0 for t in s.tolls)
            ]
            ev.disaster_toll = bool(toll_sentences) and all(
                any(c.family == "disaster" for c in s.cues)
                # (a weak "killed" is the toll's own verb, not a sign of violence)
                and not any(c.family in _VIOLENT_FAMILIES and c.weight >= 2 for c in s.cues)
                for s in toll_sentences
            )
        for s in seg.sentences:
            for c in s.cues:
                ev.add(c)
            families = {c.family for c in s.cues}
            if families & {"air", "shelling", "ied", "grenade"} and any(
                c.family == "clash" and c.weight >= 2 for c in s.cues
            ):
                ev.remote_in_battle = next(c for c in s.cues if c.family == "clash")
            if ev.capture_side is None:
                ev.capture_side = self._capture_side(s)

        killed, killed_max, k_reason, kmax_reason = self._toll(
            seg, "killed", article_has_firm_toll, news
        )
        ev.killed = killed or 0
        ev.toll_evidence = k_reason.evidence if k_reason is not None else ""
        decision: Decision = decide(ev)
        if (
            news
            and decision.rule in _VICTIM_ONLY_RULES
            and not any(
                not _SOURCE_AFTER.match(s.text, a.end - s.start)
                for s in seg.sentences
                for a in s.actors
            )
            and not any(
                c.family in _AGENT_FAMILIES
                or (
                    c.family == "attack"
                    and (c.weight >= 2 or c.text.lower().startswith(_ATTACK_WORDS))
                )
                for s in seg.sentences
                for c in s.cues
            )
        ):
            # "Eleven people were killed and 27 injured" with no one who did it (no actor, no
            # weapon, no attack, no crowd): in news, an accident's or a disaster's dead. (Not in
            # a coder's note or a snippet, which names no cause because the event is known:
            # there, the rule cost critical events on dev.)
            decision = Decision(None, "no_perpetrator", decision.evidence)
        if decision.rule in ("territory_taken_by_state", "territory_regained") and (
            taker := self._foreign_taker(seg, article_country)
        ):
            # ACLED: a foreign state's forces that take a place by force overtake territory
            # like a non-state actor ("Russia's defence ministry said its forces had taken
            # the village" in Ukraine); only a state regaining its own land "regains" it.
            decision = Decision(
                "Non-state actor overtakes territory", "territory_taken_by_foreign_state", taker
            )
        if decision.sub_event_type is not None and _reported_only(seg, killed):
            # "X claimed responsibility for ...", "Y accused Z of the attack": talk about an
            # event, not a report of one (CASE codes these ATTRIB/DIPLO).
            decision = Decision(None, "statement_only", seg.sentences[0].statement)
        sub = decision.sub_event_type
        if sub is None and not seg.claim:
            # No event and no claim: `classify` drops it, reading only its death toll (when
            # the article has no event at all), so nothing else is built.
            return _Found(
                severity="none",
                event_type=None,
                sub_event_type=None,
                killed=killed,
                killed_max=killed_max,
                wounded=None,
                wounded_max=None,
                country=None,
                location=None,
                actors=[],
                tags=[],
                event_date=None,
                reasons=[],
            )
        wounded, wounded_max, w_reason, wmax_reason = self._toll(seg, "wounded", True)
        if sub == "Suicide bomb":
            killed, killed_max, k_reason = self._with_bombers(seg, killed, killed_max, k_reason)
        if sub is not None:
            reasons.append(
                _reason(
                    field="sub_event_type",
                    value=sub,
                    evidence=decision.evidence,
                    rule=decision.rule,
                )
            )
        for r in (k_reason, kmax_reason, w_reason, wmax_reason):
            if r is not None:
                reasons.append(r)

        if sub is not None and killed is None and killed_max is None:
            # ACLED codes an event with no reported deaths as 0, the conservative figure.
            killed = 0
            reasons.append(_reason(field="killed", value=0, evidence="", rule="no_deaths_reported"))
        severity, sev_rule = self._rate(sub, killed)
        reasons.append(
            _reason(
                field="severity",
                value=severity,
                evidence=decision.evidence
                if sev_rule.startswith("type")
                else (k_reason.evidence if k_reason else ""),
                rule=sev_rule,
            )
        )

        tags: list[str] = []
        if sub == "Non-state actor overtakes territory":
            text = " ".join(
                s.text for s in seg.sentences if any(c.family == "capture" for c in s.cues)
            )
            low_text = text.lower() if text.isascii() else None
            if (low_text is None or _holds(low_text, 0, len(low_text), _BASE_WORDS_KEYS)) and (
                m := _BASE_WORDS.search(text)
            ):
                tags.append("base_capture")
                reasons.append(
                    _reason(
                        field="tags",
                        value="base_capture",
                        evidence=m.group(0),
                        rule="territory_capture_of_base",
                    )
                )
        if (
            killed is not None
            and killed >= self.policy.mass_casualty_min_killed
            and sub is not None
        ):
            tags.append("mass_casualty")
            reasons.append(
                _reason(
                    field="tags",
                    value="mass_casualty",
                    evidence=k_reason.evidence if k_reason else "",
                    rule=f"killed>={self.policy.mass_casualty_min_killed}",
                )
            )
        if seg.claim:
            tags.append("claim")
            claim_s = next(s for s in seg.sentences if s.claim)
            reasons.append(
                _reason(
                    field="tags",
                    value="claim",
                    evidence=claim_s.claim_words,
                    rule="perpetrator_claim",
                )
            )

        country, location = self._where(seg, article_country, reasons)
        actors = list(dict.fromkeys(a.name for s in seg.sentences for a in s.actors if a.name))
        event_date = None
        for s in seg.sentences:
            if not s.tolls and not any(c.text == decision.evidence for c in s.cues):
                continue
            for m in s.dates:
                event_date = _resolve_date(m, published)
                if event_date is not None:
                    reasons.append(
                        _reason(
                            field="event_date",
                            value=event_date.date().isoformat(),
                            evidence=m.group(0),
                            rule="date_in_text",
                        )
                    )
                    break
            if event_date is not None:
                break
        return _Found(
            severity=severity,
            event_type=EVENT_TYPES.get(sub) if sub else None,
            sub_event_type=sub,
            killed=killed,
            killed_max=killed_max,
            wounded=wounded,
            wounded_max=wounded_max,
            country=country,
            location=location,
            actors=actors,
            tags=tags,
            event_date=event_date,
            reasons=reasons,
            lead=any(s.lead for s in seg.sentences),
        )

    @staticmethod
    def _foreign_taker(seg: _Segment, country: str | None) -> str:
        """The country or demonym named before the first taking verb, when it is another
        country's than the story's ("Russia's defence ministry said its forces had taken")."""
        if country is None:
            return ""
        for s in seg.sentences:
            cue = next((c for c in s.cues if c.family in ("capture", "recapture")), None)
            if cue is None:
                continue
            if not any(
                p.kind in ("town", "province") and p.country == country and p.start > cue.start
                for p in s.places
            ):
                # "its forces had taken another village": no place of the story's country named
                # as what was taken.
                continue
            if any(c.family in ("abduction", "arrests") for c in s.cues):
                return ""  # "forces kidnapped two children in the occupied city": no taking
            for p in s.places:
                if (
                    p.start < cue.start
                    and p.kind in ("country", "demonym")
                    and not p.alternate
                    and p.country
                    and p.country != country
                    # "Yemeni government forces": a government fights on its own land.
                    and not _GOVERNMENT_NEXT.match(s.text, p.end - s.start)
                    # A recapture is foreign only as a "liberation" by that state's own
                    # forces ("Russia's ... its forces had 'liberated'"), not when a foreign
                    # force backs a government ("troops backed by Rwandan forces retook").
                    and (
                        cue.family == "capture"
                        or (
                            cue.text.lower().startswith("liberat")
                            and (
                                s.text.startswith(("'s", "’s"), p.end - s.start)
                                or _FORCE_NEXT.match(s.text, p.end - s.start) is not None
                            )
                        )
                    )
                ):
                    return p.name
            return ""
        return ""

    @staticmethod
    def _capture_side(s: _Sentence) -> str | None:
        cue = next((c for c in s.cues if c.family in ("capture", "recapture")), None)
        if cue is None:
            return None
        low = s.text.lower()
        rel = cue.start - s.start
        if cue.text.lower().startswith(("tactical", "strategic", "temporarily")):
            return "non_state"  # the forces that made "a tactical repositioning" lost it
        if cue.text.split()[0].lower() in _ARMED_GROUP_WORDS:
            return "non_state"  # "the terrorists are currently in Mucojo"
        # "fell to X", "under X control", "captured by X": the taker is named after the verb.
        verb_end = rel + len(cue.text.split()[0])
        # "is still in the hands of the Taliban" names the holder after the verb too.
        if _TAKER_AFTER.match(cue.text) or low[verb_end : verb_end + 4] == " by ":
            after = [a for a in s.actors if a.start >= cue.start]
            if after:
                return after[0].side
        # The taker is the subject of the taking verb: the first actor of its clause ("the
        # Myanmar Army attacked the KIA, capturing four KIA bases" was taken by the army).
        clause_start = s.start
        for m in _CLAUSE.finditer(s.text, 0, rel):
            clause_start = s.start + m.end()
        before = [a for a in s.actors if clause_start <= a.start < cue.start]
        named = _acronym_side(s.text, clause_start - s.start, rel)
        if named is not None and (not before or named[0] + s.start < before[0].start):
            return named[1]
        if before:
            return before[0].side
        before = [a for a in s.actors if a.start < cue.start]
        if before:
            return before[-1].side
        named = _acronym_side(s.text, 0, rel)
        if named is not None:
            return named[1]
        after = [a for a in s.actors if a.start >= cue.start]
        if not after:
            return None
        # "the Northern Alliance seized several Myanmar army positions": with no taker named,
        # a force named as the object of an active taking verb is the one that lost it.
        passive = _PASSIVE_BEFORE.search(low[max(0, rel - 12) : rel])
        if not passive and after[0].start < cue.end + 30:
            return "non_state" if after[0].side == "state" else "state"
        return after[0].side

    @staticmethod
    def _with_bombers(
        seg: _Segment, killed: int | None, killed_max: int | None, reason: _Why | None
    ) -> tuple[int | None, int | None, _Why | None]:
        """ACLED and GTD count a suicide bomber among the dead: add the bombers once.

        "A suicide bomber detonated near the gate. Twenty-five guards were killed." is 26.
        Not when the toll is given in the bomber's own sentence (news style), nor when a toll
        already names them ("killing himself and 5 others", "the bomber was also killed", "in
        addition to the bombers"), nor when the bomber did not die.
        """
        tolls = [t for s in seg.sentences for t in s.tolls if t.kind == "killed"]
        if any(_SELF_COUNTED.search(t.evidence) for t in tolls) or any(
            _INCLUDING_BOMBER.search(s.text) for s in seg.sentences if s.tolls
        ):
            return killed, killed_max, reason
        text = " ".join(s.text for s in seg.sentences)
        m = _BOMBERS.search(text)
        if m is None or _BOMBER_SURVIVED.search(text):
            return killed, killed_max, reason
        if any(_BOMBERS.search(s.text) for s in seg.sentences if s.tolls):
            # "A suicide bomber blew himself up in a hall, killing at least 27": news gives
            # the victims' toll in the bomber's sentence, and ACLED codes that figure (2 of
            # 3 such dev notes). GTD states the attack, then the toll, then counts the bomber.
            return killed, killed_max, reason
        n = 1 if m.group("one") else attacker_count(m.group(0)) or 0
        if not n:
            return killed, killed_max, reason
        evidence = m.group(0) + (f"; {reason.evidence}" if reason else "")
        return (
            (killed or 0) + n,
            (killed_max or 0) + n,
            _reason(
                field="killed", value=(killed or 0) + n, evidence=evidence, rule="bombers_counted"
            ),
        )

    @staticmethod
    def _sentence_total(mentions: list[TollMention], high: bool, alt_at: int = -1) -> int:
        if alt_at >= 0:
            # "has risen to 29, the army said, while civil society leaders said 38 bodies had
            # been found": another source's figure is an alternative, not an addition; ACLED
            # keeps the lower (conservative) one, the highest reported keeps the higher.
            first = [t for t in mentions if t.start < alt_at]
            second = [t for t in mentions if t.start >= alt_at]
            if first and second:
                totals = [
                    Classifier._sentence_total(first, high),
                    Classifier._sentence_total(second, high),
                ]
                return max(totals) if high else min(totals)
        additive = sum(t.high if high else t.low for t in mentions if not t.subset and not t.update)
        others = [t.high if high else t.low for t in mentions if t.subset or t.update]
        return max([additive, *others])

    def _toll(
        self, seg: _Segment, kind: str, allow_claim_fallback: bool, news: bool = False
    ) -> tuple[int | None, int | None, _Why | None, _Why | None]:
        firm: list[tuple[int, int, _Sentence, list[TollMention]]] = []
        claimed: list[tuple[int, int, _Sentence, list[TollMention]]] = []
        for s in seg.sentences:
            ms = [t for t in s.tolls if t.kind == kind]
            if not ms:
                continue
            if kind == "killed" and _search(_EXHUMED, _EXHUMED_KEYS, s):
                # "19 bodies were exhumed from a mass grave": deaths long before the report,
                # which ACLED does not count as the find's fatalities.
                continue
            alt = (
                _OTHER_SOURCE.search(s.text)
                if any(k in s.text for k in _OTHER_SOURCE_KEYS)
                else None
            )
            alt_at = s.start + alt.start() if alt is not None else -1
            row = (
                self._sentence_total(ms, False, alt_at),
                self._sentence_total(ms, True, alt_at),
                s,
                ms,
            )
            (claimed if s.claim else firm).append(row)
        field_max = f"{kind}_max"
        dropped: list[tuple[int, int, _Sentence, list[TollMention]]] = []
        lead_rows = [r for r in firm if r[2].lead]
        if news and lead_rows:
            # A news story states its toll in the headline and lead; a later, different
            # figure is another source's count (a militia's "40 bodies" against the police's
            # 24: ACLED keeps the conservative, official one), an earlier event's, or a total.
            # Later figures still count when they update the toll ("has risen to 27") or add
            # a group ("the bomber was also killed"). All of them stay in `killed_max`.
            later = [r for r in firm if not r[2].lead]
            lead_low = max(r[0] for r in lead_rows)
            official = [
                r
                for r in later
                if r[0] < lead_low
                and _OFFICIAL.search(r[2].text)
                and not _UNOFFICIAL.search(r[2].text)
            ]
            if official and all(
                _UNOFFICIAL.search(r[2].text) and not _OFFICIAL.search(r[2].text) for r in lead_rows
            ):
                # "Civil society announced 38 dead ... the army spokesman maintains the figure
                # of 29": the lead's figure is not official, a later official one is lower.
                lead_rows = official
            # A lead that only says "dozens"/"scores" has no figure yet: a later specific
            # one ("at least 30-40 ... had been killed") is better information, and ACLED
            # codes "dozens" as 12 only when nothing more precise is reported.
            vague_lead = all(_vague(r[3]) for r in lead_rows)
            kept = lead_rows + [
                r
                for r in later
                if r not in lead_rows
                and (
                    any(t.update for t in r[3])
                    or _search(_ADDITIVE, _ADDITIVE_KEYS, r[2])
                    or _search(_WOUNDED_DIED, _WOUNDED_DIED_KEYS, r[2])
                    or _search(_LATER, _LATER_KEYS, r[2])
                    or (vague_lead and not _vague(r[3]))
                )
            ]
            dropped = [r for r in firm if r not in kept]
            firm = kept
        # "In addition, 24 assailants were killed", "three rebels were also killed": a toll
        # said to be on top of an earlier one names another group of victims, so it adds to
        # the incident's figure instead of restating it (the largest figure wins otherwise).
        risen = any(t.update for r in firm for t in r[3])
        extra = [
            r
            for r in firm[1:]
            if not any(t.update for t in r[3])
            and (
                _search(_ADDITIVE, _ADDITIVE_KEYS, r[2])
                or (not risen and _search(_WOUNDED_DIED, _WOUNDED_DIED_KEYS, r[2]))
            )
        ]
        if extra:
            firm = [r for r in firm if r not in extra]
            first_low, first_high, s0, ms0 = max(firm, key=lambda r: r[0])
            firm = [
                (
                    first_low + sum(r[0] for r in extra),
                    first_high + sum(r[1] for r in extra),
                    s0,
                    ms0 + [t for r in extra for t in r[3]],
                )
            ]
        conservative = firm or (claimed if not allow_claim_fallback else [])
        if not firm and claimed and not allow_claim_fallback:
            conservative = []
        if not firm and claimed and allow_claim_fallback:
            conservative = claimed
        value = None
        reason = None
        if conservative:
            low, _, s, ms = max(conservative, key=lambda r: r[0])
            value = low
            rule = (
                "claim_only_figure" if s.claim else "conservative:" + "+".join(t.rule for t in ms)
            )
            reason = _reason(
                field=kind, value=low, evidence="; ".join(t.evidence for t in ms), rule=rule
            )
        allrows = firm + claimed + dropped
        vmax = None
        rmax = None
        if allrows:
            _, high, s, ms = max(allrows, key=lambda r: r[1])
            vmax = max(high, value or 0)
            rmax = _reason(
                field=field_max,
                value=vmax,
                evidence="; ".join(t.evidence for t in ms),
                rule="claim" if s.claim else "highest_reported",
            )
        return value, vmax, reason, rmax

    @staticmethod
    def _lead_toll_later(segments: list[_Segment]) -> None:
        """Move a later toll of "the fighting" into a lead incident that gives no toll.

        "Rebels took control of X after two days of fighting. The militias withdrew towards
        Y and Z. At least six people were killed during the fighting.": the toll sentence
        names no place and refers to the event, so it is the lead's toll, though a sentence
        naming other places started another segment. Not across "In a separate incident";
        a claim in between is skipped (its figure stays the claim's).
        """
        lead = next((g for g in segments if any(s.lead for s in g.sentences)), None)
        if (
            lead is None
            or lead.claim
            or any(t.kind == "killed" for s in lead.sentences for t in s.tolls)
        ):
            return
        for g in segments[segments.index(lead) + 1 :]:
            if _SEPARATE.search(g.sentences[0].text):
                return
            if g.claim:
                continue  # the other side's figure: the search goes on past it
            for s in g.sentences:
                if (
                    not s.claim
                    and any(t.kind == "killed" for t in s.tolls)
                    and not any(p.kind not in ("country", "demonym") for p in s.places)
                    and _SAME_EVENT.search(s.text)
                ):
                    g.sentences.remove(s)
                    lead.sentences.append(s)
                    if not g.sentences:
                        segments.remove(g)
                    return

    @staticmethod
    def _near_sentences(sentences: list[_Sentence], segments: list[_Segment]) -> None:
        """Give each segment the cue-less sentences after it that refer back to its event."""
        placed = {id(s): seg for seg in segments for s in seg.sentences}
        for i, s in enumerate(sentences):
            seg = placed.get(id(sentences[i - 1])) if i > 0 else None
            if seg is None or id(s) in placed or s.background or not s.places:
                continue
            if _NAMES_IT_AGAIN.match(s.text) is not None or (
                # "Bombers hit a market in northeast Nigeria ... The women detonated
                # explosives near the market in Konduga": a lead that names only the country
                # is placed by the next sentence's town.
                not seg.near
                and not any(p.kind in _SPECIFIC_KINDS for x in seg.sentences for p in x.places)
                and any(p.kind in _SPECIFIC_KINDS for p in s.places)
            ):
                seg.near.append(s)

    @staticmethod
    def _city_of(seg: _Segment, loc: Place, places: list[Place]) -> Place | None:
        """ "the Hodan district of Mogadishu": the city a district or quarter belongs to."""
        if loc.kind == "town" and loc.population:
            return None
        for s in seg.sentences:
            if s.start <= loc.start < s.end:
                for p in places:
                    # A city ("the Hodan district of Mogadishu") or a district ("the Mamund
                    # tehsil of Bajaur district"): the area the report's readers know.
                    if (p.kind == "district" or (p.kind == "town" and p.population)) and (
                        0 < p.start - loc.end <= 32
                    ):
                        gap = s.text[loc.end - s.start : p.start - s.start]
                        if _QUARTER_OF.fullmatch(gap):
                            return p
        return None

    @staticmethod
    def _named_places(sentences: list[_Sentence], country: str | None) -> list[Place]:
        """Towns, districts and provinces named in `sentences`, in `country` if it is known."""
        demonyms = {
            p.start for s in sentences for p in s.places if p.kind in ("demonym", "country")
        }
        return [
            p
            for s in sentences
            for p in s.places
            if p.kind not in ("country", "demonym")
            and not p.alternate
            and (not p.country or p.country == country)
            and p.start not in demonyms
        ]

    def _where(
        self, seg: _Segment, article_country: str | None, reasons: list[_Why]
    ) -> tuple[str | None, str | None]:
        votes = self._country_votes(seg.sentences)
        country = None
        if votes:
            best = max(votes.values())
            # The article's country wins ties: an incident naming only a town shared by
            # several countries is most likely in the country the article is about.
            tied = [c for c, v in votes.items() if v >= best * 0.75]
            country = (
                article_country if article_country in tied else max(votes, key=lambda c: votes[c])
            )
        if country is None:
            country = article_country
        if country:
            ev_place = next(
                (p.name for s in seg.sentences for p in s.places if p.country == country), None
            )
            reasons.append(
                _reason(
                    field="country",
                    value=country,
                    evidence=ev_place or "",
                    rule="gazetteer" if ev_place else "article_country",
                )
            )
        # "the Iraqi town of Taza", "in Niger village": a demonym or a country before a kind
        # word is no place name.
        places = self._named_places(seg.sentences, country)
        if seg.near and all(p.kind == "province" for p in places):
            # "... in Pakistan's Khyber Pakhtunkhwa province. The explosion occurred in
            # Kulachi area of the province's Dera Ismail Khan district": the spot, then.
            places = places + self._named_places(seg.near, country)
        location = None
        # A place named by its kind ("Dasht-e Arch district") is more specific than a town
        # the gazetteer knows by name only.
        # A village or town named by its kind ("the village of Masala", "Dangulbi village",
        # no gazetteer entry: population 0) is where the event happened; then a district.
        specific = (
            [p for p in places if p.kind == "town" and not p.population]
            + [p for p in places if p.kind == "district"]
            + [p for p in places if p.kind == "town" and p.population]
        )
        province = next((p for p in places if p.kind == "province"), None)
        if specific:
            loc = specific[0]
            location = loc.name
            city = self._city_of(seg, loc, places)
            if city is not None:
                location = f"{loc.name}, {city.name}"
            elif province is not None and province.name.lower() != loc.name.lower():
                location = f"{loc.name}, {province.name}"
        elif province is not None:
            location = province.name
        if location:
            reasons.append(
                _reason(
                    field="location",
                    value=location,
                    evidence=specific[0].name
                    if specific
                    else (province.name if province is not None else location),
                    rule="place_named",
                )
            )
        return country, location

    # -- public -----------------------------------------------------------------------------

    def classify(self, article: Article) -> Classification:
        body, dateline = strip_dateline(article.text)
        text = body if not article.title else f"{article.title}\n{body}"
        published = article.published_at
        lead = 2 if article.title else 1
        if published is None and dateline is not None and dateline.date:
            # No publication time: the dateline's day ("KABUL, June 18") dates the story well
            # enough to tell older events from the story's own.
            spans = _split(text)
            lead_end = spans[min(lead, len(spans)) - 1][1] if spans else 0
            published = _dated(dateline.date, text, lead_end)
        sentences, words, owner = self._sentences(text, published, lead)
        votes = self._country_votes(sentences)
        if dateline is not None:
            # Where the story was filed: a weak hint, worth one more mention of a town.
            for place in self.gazetteer.find(f"{dateline.city}, {dateline.region or ''}"):
                if place.country and not place.alternate and place.kind != "demonym":
                    votes[place.country] = votes.get(place.country, 0.0) + 1.0
                    break
        article_country = max(votes, key=lambda c: votes[c]) if votes else None
        segments = self._segments(sentences)
        self._lead_toll_later(segments)
        self._near_sentences(sentences, segments)
        self._add_actors(words, owner, segments)
        firm_toll = any(t.kind == "killed" for s in sentences if not s.claim for t in s.tolls)
        # A headline or a wire dateline marks a news story (lead, then context).
        news = bool(article.title) or dateline is not None
        # What the headline and lead name, read once for the story-level flags below.
        lead_sentences = [s for s in sentences if s.lead]
        lead_families = {c.family for s in lead_sentences for c in s.cues}
        lead_strong = {c.family for s in lead_sentences for c in s.cues if c.weight >= 3}
        disaster_story = "disaster" in lead_strong
        crime_story = "crime" in lead_strong
        incidents = [
            self._incident(
                seg,
                article_country,
                not firm_toll,
                article.published_at,
                news,
                disaster_story,
                crime_story,
            )
            for seg in segments
        ]
        events = [i for i in incidents if i.sub_event_type is not None]
        # A lead about a film, drills, an arms deal, a match or a market: what later paragraphs
        # say of attacks, with no toll and no day of the story's own, is its subject matter.
        # (A verdict is the subject only when the lead reports nothing of today: "Clashes in
        # Dakar after opposition leader sentenced" is about the clashes.)
        lead_today = bool(lead_strong & _TODAY_FAMILIES)
        # A lead about a film, a hearing or a period's report: every toll later in the story
        # is its subject's history ("the raid freed 100 hostages ... 45 soldiers were killed").
        subject_older = "culture" in lead_strong or (
            not lead_today and bool(lead_strong & {"trial", "stats"})
        )
        lead_non_event = bool(
            lead_strong & (_NON_EVENT_FAMILIES - {"trial"} if lead_today else _NON_EVENT_FAMILIES)
        )
        # A lead about an older event: all background (a trial of an older attack), or a
        # commemoration with no toll of its own ("Sri Lanka marks the anniversary ...", a
        # headline that is no background).
        lead_text = " ".join(s.text for s in lead_sentences)
        older_story = bool(lead_sentences) and (
            (
                all(s.background for s in lead_sentences)
                and _older_lead(lead_text, article.published_at)
            )
            or (
                not any(s.tolls for s in lead_sentences)
                and (
                    _COMMEMORATION.search(lead_text) is not None
                    # A hearing or trial over older killings: their tolls are not today's
                    # (unless the lead reports today's clashes over the verdict).
                    or ("trial" in lead_families and not lead_today)
                )
            )
        )
        # A match report ("crushing the visitors 48-12 ... the Bomb Squad detonated"): with a
        # scoreline or sport words in the lead and more through the story, its assaults,
        # ambushes and massacres are sport talk; an incident with a toll still counts.
        sport_story = (
            news
            and "sport" in lead_families
            and sum(c.family == "sport" for s in sentences for c in s.cues) >= 3
        )
        if sport_story:
            events = [i for i in events if i.killed or i.wounded]
        if news and events and (lead_non_event or older_story or not any(i.lead for i in events)):
            # The headline and lead report no event: a later paragraph's attacks with no toll,
            # no day of the story's own and told in the perfect ("drone strikes have also
            # disrupted the water supply") are the story's context, not an incident.
            context = {
                id(i)
                for seg, i in zip(segments, incidents, strict=True)
                if i.sub_event_type is not None
                and _context_only(seg, lead_non_event, older_story or subject_older)
            }
            events = [i for i in events if id(i) not in context]
        if not events:
            killed = max((i.killed for i in incidents if i.killed is not None), default=None)
            reasons = [
                made(
                    Reason,
                    {"field": "severity", "value": "none", "evidence": "", "rule": "no_event_cue"},
                )
            ]
            if killed is None and (cue := _happening(sentences)) is not None:
                # "Police reservists shot and wounded a man", "troops of both sides targeted
                # each other's positions": something happened and no death is reported, which
                # ACLED codes as 0; talk with no sign of an incident keeps None.
                killed = 0
                reasons.append(
                    made(
                        Reason,
                        {
                            "field": "killed",
                            "value": 0,
                            "evidence": cue,
                            "rule": "no_deaths_reported",
                        },
                    )
                )
            return Classification.model_construct(
                id=article.id,
                severity="none",
                country=article_country,
                killed=killed,
                reasons=reasons,
            )
        tier = self._type_tier

        def rank(i: _Found) -> tuple[int, int, int, int, int, int]:
            return (
                severity_rank(i.severity),
                0 if "claim" in i.tags else 1,
                # A capture or a chemical attack is what analysts must not miss, even when
                # the lead reports the same night's toll; otherwise, among equally severe
                # incidents, the one the headline and lead report.
                1 if tier(i.sub_event_type) == "critical" else 0,
                1 if news and i.lead else 0,
                severity_rank(tier(i.sub_event_type)),
                i.killed or 0,
            )

        # Background such as "the truce ended" forms its own info-tier incident; beside a
        # violent incident it is noise, so it is dropped.
        if any(severity_rank(i.severity) >= severity_rank("medium") for i in events):
            events = [i for i in events if severity_rank(i.severity) >= severity_rank("low")]
        head = max(events, key=rank)
        built = [made(Incident, i.values()) for i in events]
        values = dict(built[events.index(head)].__dict__)
        if "claim" not in head.tags:
            # "JNIM said its fighters killed 30 soldiers": the claimant of the headline's
            # event is its actor, though its figure stays a separate claim incident.
            claimants = [
                a
                for i in incidents
                if "claim" in i.tags
                and i.country in (None, head.country)
                and i.location in (None, head.location)
                for a in i.actors
            ]
            if claimants:
                values["actors"] = list(dict.fromkeys([*head.actors, *claimants]))
        values["id"] = article.id
        values["incidents"] = built
        return made(Classification, values)
