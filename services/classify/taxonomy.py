"""The word cues that point at each ACLED sub-event type (the taxonomy is `shared.taxonomy`).

Cues are grouped into families ("air", "capture", "protest", ...). One alternation finds
every cue in an article, tried only at the words that can start a cue (`triggers`); the
families are then weighed and the codebook's precedence rules (see `decide`) turn them into
one sub-event type.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from services.classify.triggers import TriggeredAlternation, Words

_TERRAIN = (
    r"(?:town|city|village|villages|district|districts|base|bases|post|posts|outpost|outposts"
    r"|checkpoint|checkpoints|area|areas|territory|province|headquarters|camp|camps|position"
    r"|positions|hill|hills|airport|airbase|air\s+base|bridge|crossing|region|garrison"
    r"|barracks|county|locality|neighbou?rhood|road|highway|port|island|stronghold|compound"
    r"|front|frontline|zone|sector|centre|center|capital|oil\s+field|dam|valley|mountain"
    r"|station|stations)"
)
# "captured Ghazni" is a place; "captured Boko Haram commander X" is not.
_CAP_PLACE = (
    r"(?-i:[A-Z][\w'’-]+)(?!\s+(?:[A-Z][\w'’-]+\s+)?(?:commanders?|leaders?|members?|fighters?"
    r"|militants?|soldiers?|officials?|chiefs?|suspects?))"
)
_CAPTURE_V = (
    r"(?:captured|capturing|capture|seized|seizing|seize|overran|overrun|overrunning"
    r"|stormed\s+and\s+took|(?<!the\s)(?<!-)occupied|occupying|gained\s+control\s+of|overt[ao]k\w*"
    r"|take\s+over|takes\s+over|taking\s+over"
    r"|seized\s+control\s+of|took\s+control\s+of|taken\s+control\s+of|taking\s+control\s+of"
    r"|took\s+over|taken\s+over)"
)
_RECAPTURE_V = (
    r"(?:recaptured|recapturing|recapture|retook|retaken|retaking|retake|regained(?:\s+control"
    r"\s+of)?|regaining|regain\s+control\s+of|liberated|liberating|liberation\s+of|reclaimed"
    r"|won\s+back|re-took|re-captured|re-took|restored\s+control\s+over|recovered\s+control"
    r"|regains\s+control\s+of)"
)

# Filler words between an attack verb and its target; a taking verb ends them, so "attacked
# and temporarily occupied a police post" leaves "occupied a police post" to the capture cue.
_FILLER = rf"(?:(?!{_CAPTURE_V}\b)\w+\s+)"

# Weapons and devices that can be found, seized, intercepted or defused.
_WEAPONS = (
    r"(?:ieds?|explosives?|explosive\s+devices?|devices?|bombs?|landmines?|mines|weapons|arms"
    r"|ammunitions?|firearms|rifles|guns|pistols|revolvers|cartridges|rounds|grenades?|rockets?"
    r"|missiles?|drones?|shells|detonators|munitions)\b"
)

# (family, weight, pattern). Comments name the phrasing that made a rule necessary.
CUES: tuple[tuple[str, float, str], ...] = (
    # A coder's note that opens with its category ("Arrests: ...", "Movement of forces: ...",
    # "Non-violent activity: ..."): the coder's own label (see `precedence.NOTE_HEADERS`).
    (
        "note_header",
        9,
        r"(?<![^\n])(?:arrests|movement\s+of\s+forces|recruitment|security\s+measures"
        r"|non-violent\s+activity|defusal|property\s+destruction|looting|agreement"
        r"|headquarters\s+or\s+base\s+established|change\s+to\s+group/activity"
        r"|disrupted\s+weapons\s+use|non-violent\s+transfer\s+of\s+territory):",
    ),
    # Industrial accidents, found before the chemical-weapon words they start with: "a
    # chlorine gas leak at a chemical plant", "ammonia leaked from a fertiliser factory".
    (
        "disaster",
        3,
        r"(?:chlorine|ammonia|chemical|toxic|gas)\s+(?:gas\s+)?leak\w*|(?:chemical|fertili[sz]er"
        r"|industrial|pesticide)\s+(?:plant|factory|works)|(?:pipeline|boiler|cylinder|transformer"
        r"|reactor)\s+(?:\w+\s+)?explod\w*|rul(?:ed|es|ing)\s+out\s+sabotage",
    ),
    # "brought the fire under control", "the situation is under control": no place taken;
    # "families who fled the fighting": why people were displaced, no battle of the story's.
    (
        "diplomacy",
        1,
        r"fled\s+(?:the\s+)?(?:fighting|violence|war|clashes|conflict|attacks)\b",
    ),
    (
        "diplomacy",
        1,
        r"(?:brought|bring|brings|got|kept|keep)\s+(?:the\s+)?(?:\w+\s+)?under\s+control"
        r"|(?:situation|fire|blaze|flames|outbreak|crowd|traffic)\s+(?:is\s+|was\s+|has\s+been\s+)?"
        r"(?:now\s+|fully\s+)?under\s+control",
    ),
    (
        "chemical",
        3,
        # Not "chlorine tablets" handed out against cholera: chlorine as a weapon only.
        r"chemical\s+(?:weapons?|attacks?|agents?|munitions?)|sarin|chlorine\s+(?:gas|attacks?"
        r"|bombs?|barrels?|canisters?|cylinders?|munitions?|shells?)|(?:shells?|bombs?|barrels?"
        r"|munitions?|canisters?|rockets?|grenades?|rounds|mortars?)\s+(?:\w+\s+){0,2}?chlorine",
    ),
    (
        "chemical",
        3,
        r"mustard\s+(?:gas|agent)|nerve\s+agent|toxic\s+(?:gas|chemicals?|substances?)"
        r"|poison(?:ous)?\s+gas|chloropicrin|phosgene|novichok|vx\s+(?:gas|agent)|riot\s+control"
        r"\s+agents?\s+(?:dropped|used)\s+(?:from|on|against)\s+(?:drones|positions|troops)",
    ),
    (
        "suicide",
        3,
        r"suicide\s+(?:bomb\w*|attack\w*|vests?|belts?|car\s+bomb\w*|truck\s+bomb"
        r"|(?:vehicle|car|truck)-borne|ieds?|(?:explosive|blast)\w*|drivers?)",
    ),
    ("suicide", 3, r"blew\s+(?:him|her|them)sel(?:f|ves)\s+up|self-detonat\w*|suicide\s+bomber"),
    ("suicide", 2, r"svbied|explosives?-laden\s+(?:vehicle|car|truck)\s+driven\s+by"),
    # Found before the device families, which would otherwise take the word "bomb" first.
    # "12 firearms and 108 rounds of ammunition were seized", "missile was intercepted".
    (
        "disrupted",
        3,
        r"(?:weapons|arms|firearms|ammunitions?|explosives|rifles|guns|grenades|bombs|mines"
        r"|landmines|missiles?|rockets?|drones?|(?:explosive\s+)?devices?|bomb|pistols|revolvers|cartridges)\s+(?:[\w-]+\s+){0,6}?(?:were|was|have\s+been"
        r"|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:seized|found|discovered|recovered"
        r"|confiscated|defused|intercepted|shot\s+down|destroyed\s+in\s+the\s+air)",
    ),
    # The bomb-maker killed by his own device: ACLED codes the premature blast as disrupted.
    (
        "disrupted",
        4,
        r"while\s+(?:handling|planting|assembling|making|manufacturing|preparing|laying|"
        r"transporting)\s+(?:\w+\s+){0,2}?(?:explosives?|bombs?|ieds?|devices?|mines?)"
        r"|(?:bomb|device|explosives?)\s+(?:he|she|they)\s+(?:was|were|had\s+been)\s+"
        r"(?:planting|making|carrying|handling|assembling)|exploded\s+prematurely"
        r"|accidentally\s+(?:detonated|activated|triggered)",
    ),
    # "arrested four men with explosives and detonators": the weapons were stopped (found
    # before the arrest cue, which would take the word "arrested").
    (
        "disrupted",
        3,
        r"(?:arrested|detained|caught|nabbed|intercepted)\s+(?:[\w-]+\s+){0,4}?(?:with|carrying"
        rf"|in\s+possession\s+of)\s+(?:[\w-]+\s+){{0,3}}?{_WEAPONS}",
    ),
    ("air", 3, r"air\s*strikes?|air-strikes?|air\s+raids?|drone\s+(?:strikes?|attacks?)"),
    ("air", 3, r"warplanes?|fighter\s+jets?|jets?\s+(?:bombed|struck|pounded)|gunships?"),
    (
        "air",
        2,
        r"aerial\s+(?:bombardment|bombing|attacks?|strikes?)|air\s+force\s+(?:struck|bombed)",
    ),
    ("air", 2, r"helicopters?\s+(?:fired|attacked|struck|bombed)|uavs?|bombing\s+raids?|drones?"),
    ("air", 2, r"airstrikes?|air-and-ground|aircraft\s+(?:struck|bombed|targeted)"),
    # Aircraft named as the attacker: "raids by the army's choppers", "an attack by Israeli
    # jets", "planes ... bombed", "fired at the ridge using two helicopters", "dropped a bomb".
    (
        "air",
        3,
        r"(?:raids?|attacks?|strikes?|bombing|fire)\s+by\s+(?:[\w'’-]+\s+){0,3}?(?:jets|warplanes"
        r"|planes|aircraft|helicopters|choppers|drones|air\s+force)\b|(?:planes|aircraft|choppers"
        r"|helicopters)\s+(?:[\w'’-]+\s+){0,6}?(?:bombed|struck|strafed|fired\s+(?:on|at)|hit)\b"
        r"|using\s+(?:\w+\s+)?(?:helicopters?|jets|warplanes|drones|aircraft|choppers)\b"
        r"|dropped\s+(?:an?\s+|two\s+|several\s+)?bombs?\b|air\s+force\s+(?:\w+\s+)?(?:destroyed"
        r"|targeted|hit|pounded|carried\s+out)",
    ),
    # Bombs dropped from the air: "aircraft dropped guided glide bombs", "barrel bombs".
    (
        "air",
        3,
        r"glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|barrel\s+bombs?|(?:aircraft|planes?|jets?"
        r"|helicopters?|warplanes?)\s+(?:\w+\s+){0,2}?(?:dropped|drop|drops|dropping)\b",
    ),
    # A crowd's thrown objects ("threw rocks and other projectiles", "projectiles were thrown
    # at police"): a riot's weapons, found before shelling's "projectiles" and "missiles".
    (
        "violent_demo",
        3,
        r"(?:thr[eo]w\w*|hurl\w*|lobb\w*)\s+(?:[\w-]+\s+){0,3}?(?:rocks|stones|bricks|bottles"
        r"|projectiles|objects|missiles|firecrackers|fireworks)(?:\s+and\s+(?:other\s+)?"
        r"(?:rocks|stones|bricks|bottles|projectiles|objects|missiles))?"
        r"|fir(?:ed|e|es|ing)\s+(?:fireworks|firecrackers)\s+(?:at|against|toward|towards)"
        r"|(?:rocks|stones|bricks|bottles|projectiles|objects|missiles)\s+(?:were|was|had\s+been"
        r"|have\s+been)\s+(?:\w+\s+)?(?:thrown|hurled)",
    ),
    ("shelling", 3, r"shelling|shelled|artillery|mortars?|howitzers?|katyusha|rocket\s+fire"),
    ("shelling", 2, r"rockets?|missiles?|shells|projectiles?|bombardment|barrage|grad\b"),
    ("ied", 3, r"\bieds?\b|improvised\s+explosive|roadside\s+bombs?|land\s*mines?|car\s+bombs?"),
    ("ied", 3, r"explosive\s+devices?|booby[\s-]trap\w*|sticky\s+bombs?|magnetic\s+bombs?"),
    ("ied", 2, r"bomb\s+(?:exploded|blast|went\s+off|attack)|planted\s+(?:a\s+)?bombs?|vbied"),
    ("ied", 3, r"explosives?-laden\s+(?:vehicles?|cars?|trucks?|lorr(?:y|ies))"),
    ("ied", 2, r"unexploded\s+ordnance|(?:a\s+)?mine\s+(?:exploded|blast)|explosives?-laden"),
    ("ied", 1, r"explosions?|blasts?|bombings?|bombs?\b|detonat\w+|exploded"),
    ("grenade", 3, r"(?<!stun\s)(?<!smoke\s)grenades?"),
    # An RPG is a launcher fired in gunfights; on its own it still reads as a grenade.
    ("grenade", 2, r"rpgs?|rocket-propelled\s+grenades?"),
    ("sexual", 3, r"rap(?:ed|es|ing|e)\b|sexual(?:ly)?\s+(?:assault\w*|violence|abus\w*)"),
    ("sexual", 3, r"gang-rap\w+|molest\w*|sexually\s+assaulted|sexual\s+slavery"),
    # A captive found dead or hurt: the codebook's Attack ("abducted ... was found dead with
    # stab wounds", "was gunshot wounded and abducted").
    (
        "harmed_captive",
        3,
        r"found\s+dead|(?:gunshot\s+)?(?:wounded|injured|shot|stabbed|beaten)(?=\s+and\s+(?:then\s+)?"
        r"(?:abducted|kidnapped))",
    ),
    ("abduction", 3, r"abduct\w*|kidnap\w*|taken\s+hostage|held\s+hostage|hostages?"),
    ("abduction", 2, r"forcibly\s+disappeared|enforced\s+disappearance|went\s+missing"),
    ("attack", 2, r"gunm[ae]n|massacre\w*|assassinat\w+|shot\s+dead|hacked\s+to\s+death"),
    ("attack", 2, r"beheaded|executed|murdered|stabbed|opened\s+fire\s+on|throats\s+(?:cut|slit)"),
    ("attack", 1, r"unarmed|women\s+and\s+children|a\s+(?:market|mosque|church|school|wedding)"),
    (
        "attack",
        2,
        r"(?:attacked|raided|stormed|attacks?|raids?)\s+(?:a\s+|the\s+)?(?:village|villagers|church"
        r"|mosque|home|house|hospital|school|journalists|reporters|doctors?|nurses?|aid\s+workers"
        r"|worshippers|students|pupils|passengers|traders|farmers)\b",
    ),
    # A crowd's fight with sticks and rods ("villagers clashed using bamboo sticks and iron
    # rods"), a lynching of suspected witches or thieves: ACLED's Mob violence (rioters, not
    # armed groups). Found before the clash cues, which would take "clashed".
    (
        "mob",
        3,
        r"(?:clash\w*|fought|brawl\w*|scuffl\w*)\s+(?:[\w-]+\s+){0,4}?(?:with|using)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:sticks|iron\s+rods|rods|machetes|hammers|clubs|bricks|knives|sharp\s+weapons|lathis)\b"
        r"|suspected\s+(?:witch(?:es)?|thie(?:f|ves)|robbers?)\s+(?:\w+\s+){0,3}?(?:burned|burnt"
        r"|beaten|stoned|lynched|hacked|set\s+ablaze|killed)|(?:burned|beat|beaten|stoned|lynched)"
        r"\s+(?:\w+\s+){0,3}?suspected\s+(?:witch\w*|thie(?:f|ves)|robbers?)",
    ),
    (
        "clash",
        3,
        r"clash\w*|gun\s*battles?|gunbattles?|fire\s*fights?\b|exchange(?:d)?\s+(?:of\s+)?fire"
        r"|(?:days?|hours?|weeks?|nights?)\s+of\s+(?:heavy\s+|fierce\s+)?combat\b|(?:heavy|fierce)"
        r"\s+combat\b",
    ),
    # "fighting a war against corruption": a campaign's metaphor, found before the clash
    # words it starts with.
    (
        "diplomacy",
        1,
        r"(?:fight(?:ing|s)?|fought|war|battle|struggle)\s+(?:a\s+war\s+|a\s+battle\s+)?"
        r"(?:against|on)\s+(?:corruption|poverty|inflation|hunger|disease|drugs|crime|impunity"
        r"|misinformation|disinformation|climate\s+change|cancer|malaria|covid\w*|illiteracy"
        r"|unemployment|the\s+virus|the\s+pandemic|fake\s+news)\b",
    ),
    (
        "clash",
        3,
        r"fighting|fought|ambush\w*|skirmish\w*|heavy\s+battle|battle\s+with|gunfights?"
        # "withdrew after days of assaults": a place lost to force, not handed over.
        r"|(?:days|weeks|months|hours)\s+of\s+(?:heavy\s+|fierce\s+)?(?:assaults|combat)"
        r"|both\s+sides\s+suffered",
    ),
    (
        "clash",
        2,
        r"repelled|repulsed|counter-?attack\w*|offensive\s+against|engaged\s+(?:in|with)"
        r"|fended\s+off|beat(?:en)?\s+back|pushed\s+back",
    ),
    (
        "clash",
        2,
        rf"(?:attack\w*|raids?|raided|assault\w*|stormed)\s+(?:on\s+)?{_FILLER}{{0,4}}?(?:military|army|police|security)\s+(?:bases?|posts?|checkpoints?|convoys?|positions?|stations?|sites?|patrols?)",
    ),
    (
        "clash",
        2,
        r"(?:attack\w*|raids?|assault\w*)\s+(?:on\s+)?(?:\w+\s+){0,3}?(?:soldiers|troops|forces|positions|militants|rebels|insurgents|fighters"
        r"|terrorists|jihadists|raiders|militias?)\b"
        # "targeted each other's positions", "fired six rounds at KIA positions".
        r"|(?:targeted|shelled|attacked|fired\s+(?:on|at))\s+each\s+other\W*s?\s+(?:positions|posts|bases)"
        r"|fired\s+(?!(?:[\w.-]+\s+){0,2}?(?:mortars?|artillery|rockets?|missiles?|shells|grenades?"
        r"|rpgs?)\b)(?:[\w.-]+\s+){0,4}?(?:at|on)\s+(?:[\w'’-]+\s+){0,2}?(?:positions|posts|outposts|bases)\b",
    ),
    # Who the victims were decides Armed clash (soldiers, police on duty) vs Attack (civilians).
    (
        "armed_victim",
        2,
        r"(?:kill\w*|shot\s+dead|gunned\s+down|ambush\w*|attack\w*|wound\w*|injur\w*)\s+"
        r"(?:(?!(?:that|but|while|when|after)\b)\w+\s+){0,3}?(?:soldiers?|troops|officers?|policem[ae]n|police|personnel|servicem[ae]n"
        r"|guards?|gendarmes?|militiam[ae]n|militants|fighters|rebels|insurgents|commanders?"
        r"|terrorists|jihadists|raiders|gunmen|assailants|attackers)\b",
    ),
    (
        "armed_victim",
        2,
        r"(?:soldiers?|troops|officers?|policem[ae]n|personnel|servicem[ae]n|gendarmes?|militants"
        r"|fighters|rebels|insurgents)\s+(?:\w+\s+){0,4}?(?:were|was|had\s+been|have\s+been)\s+"
        r"(?:\w+\s+)?(?:killed|wounded|injured|shot)",
    ),
    (
        "civ_victim",
        2,
        r"(?:kill\w*|shot\s+dead|gunned\s+down|attack\w*|abduct\w*|kidnap\w*|hacked|stabbed"
        r"|shot\s+and\s+(?:wounded|injured|killed))\s+"
        r"(?:(?!(?:that|but|while|when|after)\b)\w+\s+){0,3}?(?:civilians?|villagers|residents|farmers|herders|women|children|"
        r"worshippers|passengers|traders|students|pupils|teachers|pilgrims|family|people|man|woman"
        r"|journalists?|reporters?|doctors?|nurses?|aid\s+workers?|pastors?|priests?|imams?|elders?"
        r"|businessm[ae]n|drivers?|boys?|girls?)\b",
    ),
    (
        "civ_victim",
        2,
        r"(?:civilians?|villagers|residents|farmers|herders|women|children|worshippers|passengers"
        r"|traders|students|pilgrims)\s+(?:\w+\s+){0,4}?(?:were|was|had\s+been|have\s+been)\s+"
        r"(?:\w+\s+)?(?:killed|wounded|injured|shot|abducted|kidnapped)",
    ),
    (
        "clash",
        2,
        rf"(?:attack\w*|raid\w*|assault\w*|stormed)\s+(?:on\s+)?{_FILLER}{{0,3}}?"
        r"(?:bases?|posts?|outposts?|checkpoints?|barracks|garrisons?|convoys?|patrols?|positions?"
        r"|camps?|headquarters)\b"
        # A named armed group as the target: "attacked a Boko Haram (JAS) base", "attacked the
        # DKBA splinter group".
        r"|(?:attack(?:ed|ing|s)?|raided|assaulted)\s+(?:the\s+|an?\s+)?(?-i:(?:[A-Z][\w'’-]*\s+){1,3})"
        r"(?:\([^)]{1,40}\)\s+)?(?:splinter\s+)?(?:bases?|camps?|positions?|group|faction|fighters"
        r"|militants|troops|forces|hideouts?)\b",
    ),
    # Displacement: "3,600 villagers from five villages have fled due to fighting" (before the
    # victim nouns, which start at the same words).
    (
        "other",
        3,
        r"(?:villagers|residents|people|families|civilians|households)\s+(?:[\w,-]+\s+){0,6}?"
        r"(?:have|had|has)\s+fled\b",
    ),
    # After the victim patterns, which start at the same words ("civilians were killed").
    (
        "attack",
        1,
        r"civilians?|villagers|residents|worshippers|passengers|farmers|herders|pilgrims",
    ),
    # Drills name soldiers and weapons without an incident; found before those words.
    (
        "drill",
        3,
        r"(?:military|naval|joint|live-fire|air|army|strategic)\s+(?:[\w-]+\s+){0,2}?(?:exercises?"
        r"|drills?|manoeuvres?|maneuvers?)|war\s+games|military\s+parade|drills?\s+(?:near|along"
        r"|off|in)|training\s+grounds?"
        # Ceremonies: a passing-out parade, new equipment handed over.
        r"|graduat(?:ed|ion|ing)\s+(?:\w+\s+){0,3}?(?:from|ceremony)|passing-out\s+parade"
        r"|took\s+delivery\s+of|handover\s+ceremony",
    ),
    # "The terrorists are currently in Mucojo": armed men holding a town (found before the
    # force words it starts with).
    (
        "capture",
        3,
        r"(?:terrorists|insurgents|militants|jihadists|rebels|attackers)\s+(?:are|were|remain"
        r"|remained)\s+(?:currently\s+|still\s+|now\s+)?(?:in|inside|occupying)\s+(?-i:[A-Z])",
    ),
    (
        "military",
        1,
        r"soldiers|troops|army|military|police|policemen|security\s+(?:forces|personnel)|checkpoint|garrison",
    ),
    ("military", 1, r"militants|insurgents|rebels|fighters|jihadists|terrorists|militia\w*"),
    # A coup takes power, not territory (ACLED: Other), so it is found before the taking verbs.
    ("coup", 3, r"(?:seized|seize|seizes|seizing|took|taken|take|takes|taking|grabbed)\s+power"),
    (
        "capture",
        3,
        # "captured weapons and moved them to nearby villages" took things, not a place.
        rf"{_CAPTURE_V}\s+(?!(?:\w+\s+)?(?:weapons|arms|ammunition|vehicles|equipment|trucks"
        rf"|tanks|fighters|soldiers|militants|prisoners|hostages|commanders?|explosives?|detonators"
        rf"|drugs|guns|rifles|pistols|cash|money|livestock|cattle|goods|documents)\b)"
        # "were captured and detained by the army": people taken, not a place.
        rf"(?!and\s+(?:detained|arrested|held|tortured|killed|interrogated)\b)(?:full\s+)?(?:control\s+(?:of|over)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{_TERRAIN}|{_CAP_PLACE})",
    ),
    (
        "capture",
        3,
        r"fell\s+to|fell\s+into\s+the\s+hands|(?:is|was|are|were|remains?|remained)\s+(?:still\s+|now\s+)?"
        r"in\s+the\s+hands\s+of|under\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}control|gained\s+ground"
        # A ministry's euphemism for a lost position: "a tactical repositioning".
        r"|(?:tactical|strategic)\s+(?:repositioning|withdrawal|retreat|realignment|relocation)"
        r"|temporarily\s+relocated",
    ),
    (
        "capture",
        3,
        r"(?:took|seized|gained|taken|seize|take|takes|seizes|wrested)\s+(?:complete\s+|full\s+"
        r"|total\s+|effective\s+)?control|overran|overrun",
    ),
    ("recapture", 3, rf"{_RECAPTURE_V}"),
    # "recovered the Ajdabiya industrial zone" (not "recovered weapons" or "bodies").
    # ("recovered from the base", "recovered the bodies" are no taking.)
    (
        "recapture",
        3,
        rf"recover(?:ed|s)?\s+(?:control\s+of\s+)?the\s+(?!bod)(?:[\w'’-]+\s+){{0,2}}?{_TERRAIN}\b",
    ),
    # "has taken most of the tourist village", "by controlling the entire Lajat area".
    (
        "capture",
        3,
        rf"(?:took|taken|taking|seized|captured)\s+(?:most|much|large\s+parts|parts|all)\s+of\s+"
        rf"(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{_TERRAIN}|{_CAP_PLACE})|controlling\s+the\s+"
        rf"(?:entire|whole)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_TERRAIN}|{_CAP_PLACE})",
    ),
    # Forces driving an armed group out of a place: "clear Bulagana and Gambori of Boko
    # Haram", "dislodged the militants from Ngoshe", "pushed al-Shabab out of", "took back
    # control of Macomia".
    (
        "recapture",
        3,
        r"clear(?:ed|s|ing)?\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?of\s+(?:the\s+|remaining\s+)?"
        r"(?:militants|insurgents|rebels|terrorists|fighters|jihadists|gunmen|(?-i:[A-Z]))"
        r"|dislodg\w*\s+(?:[\w'’-]+\s+){0,4}?from|(?:pushed|drove|chased)\s+(?:the\s+)?"
        r"(?:(?:[\w'’-]+\s+){0,2}?(?:militants|insurgents|rebels|terrorists|fighters|jihadists"
        r"|gunmen|forces|troops)|(?-i:[A-Z][\w'’-]+)(?:\s+[\w'’-]+)?)\s+out\s+of|(?:took|taken|taking|take|takes|gained|got|won)\s+back"
        r"\s+(?:full\s+|the\s+|total\s+)?control",
    ),
    # "cleared an outpost": taken from its holders, with or without a fight.
    (
        "recapture",
        2,
        r"clear(?:ed|s|ing)\s+(?:an?\s+|the\s+|its\s+)?(?:[\w'’-]+\s+){0,2}?(?:outposts?|camps?"
        r"|bases?|posts?|positions?)\b",
    ),
    (
        "recapture",
        2,
        r"clear(?:ed|s|ing)?\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?of\s+|drove\s+out|pushed\s+out"
        r"|flushed\s+out|dislodged|forced\s+out|took\s+back|taken\s+back|gained\s+back"
        r"|retakes?|regains?|recaptures?",
    ),
    # A group splitting or walking out of a deal ("announced it was breaking away from the
    # command", "withdrawing from the peace agreement"): found before "withdrew" and
    # "agreement" so the words are read as the group's change, not a handover or a deal.
    (
        "change_group",
        4,
        r"split\s+from|splits?\s+with|broke\s+away|breaking\s+away|break\s+away|splintered\s+from"
        # "announced that they had dissolved themselves and would join a new force".
        # "formed a Drone Organisation", "special groups of troops have been formed".
        r"|formed\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:force|unit"
        r"|group|brigade|organi[sz]ation|militia|battalion|coalition|alliance|command)s?\b"
        r"|(?:force|unit|group|brigade|militia|battalion)s?\s+(?:of\s+\w+\s+)?(?:have|has|had)\s+"
        r"been\s+formed"
        # "a militia of 500 fighters has been integrated into the national army".
        r"|(?:integrated|incorporated|absorbed)\s+into\s+(?:the\s+)?(?:\w+\s+)?(?:army|forces"
        r"|police|military)"
        r"|dissolv(?:ed|ing|es)\s+(?:themselves|itself|the\s+group|their|its)|disband(?:ed|ing|s)?"
        r"|merg(?:ed|ing)\s+(?:into|with)|join\s+(?:a\s+|the\s+)?new\s+(?:force|group|coalition"
        r"|alliance|army)"
        r"|defect(?:ed|ing)\b|(?:withdr[ae]w\w*|pull(?:ed|ing|s)?\s+out)\s+(?:from|of)\s+"
        r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:agreement|accord|deal|talks|ceasefire|truce"
        r"|peace\s+process)",
    ),
    (
        "nonviolent",
        3,
        r"without\s+(?:a\s+)?(?:fight|resistance|a\s+shot|clashes|violence|fighting|bloodshed)",
    ),
    (
        "nonviolent",
        3,
        r"no\s+(?:(?:fatalities|casualties|deaths)\s+or\s+)?(?:violence|resistance|clashes|fighting"
        r"|engagement|shots?)\s+"
        r"(?:was\s+|were\s+|(?:had\s+)?been\s+)?(?:reported|fired|took\s+place|occurred)",
    ),
    (
        "nonviolent",
        3,
        r"with\s+no\s+(?:engagement|fighting|resistance|clashes|violence)|without\s+(?:any\s+)?"
        r"(?:engagement|resistance|clashes|fighting|violence|bloodshed)|peacefully\s+handed",
    ),
    # An entry or a handover left behind by withdrawing forces: with "without fighting", a
    # Non-violent transfer ("entered without fighting", "leaving it in the hands of").
    ("entered", 2, r"entered|moved\s+in(?:to)?\b|marched\s+into|walked\s+into"),
    (
        "handover",
        3,
        r"leaving\s+(?:it|them|the\s+\w+)\s+(?:\w+\s+)?in\s+the\s+hands\s+of"
        r"|(?:barracks|bases?|camps?|towns?|city|district|territory|area|posts?|positions?),?\s+"
        r"(?:[\w'’-]+\s+){0,4}?(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
        r"handed\s+over",
    ),
    # A handover of a place ("handed over its camp in Tessalit to the army", "took possession
    # of the base"): a transfer of territory with no fight unless the report names one.
    (
        "handover",
        3,
        r"hand(?:ed|s|ing)?\s+over\s+(?:[\w'’-]+\s+){0,3}?(?:camp|base|town|city|district|post"
        r"|positions?|territory|area|control|security|checkpoint|garrison|barracks)\b"
        r"|(?:took|taken|take|takes|taking)\s+possession\s+of|handover\s+of\s+(?:the\s+|its\s+)?"
        r"(?:\w+\s+)?(?:camp|base|town|city|district|post|territory|area|security)\b"
        # "handed the town back to the military under a deal".
        r"|hand(?:ed|s|ing)?\s+(?:the\s+)?(?:town|city|base|camp|district|area|it)\s+back\s+to",
    ),
    # After the handover cues, which start at the same words ("handed over their base").
    (
        "nonviolent",
        2,
        r"withdr[ae]w\w*|pull(?:ed)?\s+out|vacated|abandoned|handed\s+over|handover|retreat\w*",
    ),
    (
        "protest",
        3,
        r"protest(?!ant)\w*|demonstrat\w*|rall(?:y|ies|ied)|sit-ins?|(?<!police\s)picket\w*|marche[sd]|took\s+to\s+the\s+streets"
        r"|human\s+chains?",
    ),
    (
        "protest",
        2,
        # "opposition supporters who gathered outside the commission" (then dispersed).
        r"(?:crowds?|supporters|youths|students|workers|residents|activists|hundreds|thousands)"
        r"\s+(?:\w+\s+){0,3}?(?:gathered|assembled|converged|massed)\b|went\s+on\s+strike|strike\s+action|placards|chant\w*|(?-i:march)\s+(?:to|through|on)|petition",
    ),
    (
        "intervention",
        3,
        # "fired tear gas shells": no shelling.
        r"dispers\w+|tear\s*-?gas(?:\s+(?:shells|canisters|grenades|rounds|cartridges))?"
        r"|water\s+cannons?|broke\s+up|rubber\s+bullets|baton\w*"
        r"|(?:sound|stun|flash)\s+grenades?|flash-?bangs?",
    ),
    (
        "intervention",
        3,
        # "suppressed a peaceful march", "Riot police chase demonstrators", "pepper-sprayed".
        r"suppress\w*|crack(?:ed|ing)?\s+down|crackdown|pepper[\s-]?spray\w*|stun\s+grenades?"
        r"|chas(?:e|ed|es|ing)\s+(?:\w+\s+){0,2}?(?:protesters|demonstrators|marchers|crowds?"
        r"|students|activists)|(?:police|forces)\s+intervened",
    ),
    # Not "blocked roads": protesters blocking a road is their protest, not an intervention.
    (
        "intervention",
        2,
        r"blocked(?!\s+(?:\w+\s+)?(?:roads?|streets?|highways?|railways?|traffic))|prevented|cordon\w*",
    ),
    (
        "excessive",
        3,
        r"live\s+(?:ammunition|rounds|bullets|fire)|fired\s+(?:on|at|into)\s+(?:the\s+)?(?:protesters|demonstrators|crowd|marchers)"
        # The codebook's serious injury or lethal force against the peaceful: "used excessive
        # force", "brutally attacked", "tortured 26", "violently dispersed", "shooting into the
        # crowd", "beat demonstrators".
        r"|excessive\s+(?:use\s+of\s+)?force|brutal(?:ly)?\s+(?:\w+\s+){0,2}?(?:beat\w*|attack\w*"
        r"|assault\w*|suppress\w*|crack\w*|dispers\w*|injur\w*)|tortur\w+|violently\s+(?:dispers\w+"
        r"|suppress\w+|broke\s+up|broken\s+up)|(?:shot|shooting|fired|firing)\s+(?:live\s+\w+\s+)?"
        r"into\s+(?:the\s+)?(?:crowds?|protesters|demonstrators)|(?:beat|beaten|beating|hit|hits)"
        r"\s+(?:up\s+)?(?:\w+\s+){0,2}?(?:protesters|demonstrators|marchers|students|demonstrator"
        r"|protester)\b",
    ),
    # Armed men attacking protesters ("attacked workers who were protesting"): the codebook's
    # excessive force by any actor against a peaceful protest.
    (
        "protest_attacked",
        3,
        r"attack(?:ed|ing|s)?\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:protesters|demonstrators|marchers)\b"
        r"|attack(?:ed|ing|s)?\s+(?:\w+\s+){0,2}?who\s+were\s+(?:protesting|demonstrating|marching)",
    ),
    # "largely peaceful protesters", "a peaceful march": who was harmed was not violent.
    ("peaceful", 1, r"peaceful(?:ly)?|non-?violent"),
    # Property named as what was burned, destroyed or taken (before the bare arson cue, so
    # "torched two patrol cars" is property destruction, not a riot on its own).
    (
        "looting",
        3,
        r"(?:shops|houses|homes|vehicles|cars|property|properties|buildings|huts|stalls|offices)"
        r"\s+(?:[\w-]+\s+){0,3}?(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:\w+\s+)?"
        r"(?:burned|burnt|torched|destroyed|looted|vandali[sz]ed|razed|ransacked|set\s+ablaze)"
        r"|(?:torched|burned|burnt|vandali[sz]ed|ransacked|set\s+fire\s+to)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:cars?|vehicles?|houses?|homes?|shops?|buildings?|offices?|residences?|restaurants?"
        r"|property|properties|huts?|stalls?|schools?|churches|church|mosques?|clinics?|markets?"
        r"|towers?|town\s+halls?|halls?|(?:health\s+)?cent(?:re|er)s?|trucks?|lorries|buses"
        r"|machinery|warehouses?|stations?|premises|tractors?|granar(?:y|ies))\b"
        r"|(?:incendiary\s+devices?|petrol\s+bombs?|molotov\s+cocktails?)\s+(?:[\w-]+\s+){0,6}?"
        r"damag\w*",
    ),
    (
        "looting",
        3,
        r"(?:seized|stole|stolen|rustled|made\s+off\s+with|carted\s+off|took\s+away)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:vehicles?|cars?|trucks?|motorbikes?|livestock|cattle|goats|sheep"
        r"|camels|bulls|cows|property|goods|money|cash|food|phones?)\b",
    ),
    (
        "mob",
        3,
        r"(?:locals|youths|supporters|crowds?|mobs?|villagers|residents)\s+(?:[\w'’-]+,?\s+){0,10}?"
        r"(?:assaulted|beat|beaten|lynched|vandali[sz]ed|stoned|thrashed)",
    ),
    (
        "violent_demo",
        3,
        # Not "riot police", "riot gear": the police's kit is no riot.
        r"riot\w*(?!\s+(?:police|policemen|officers|squads?|units?|gear|shields?|control|troops))"
        r"|pelt\w*|stone-pelting|(?<!non-)violent\s+(?:protests?|demonstrations?|rallies|marches)\b",
    ),
    # Arson alone is not a riot (troops set a boat on fire; militants torched a village): it
    # weighs 2, so it makes a Violent demonstration only beside a protest.
    ("violent_demo", 2, r"torched|set\s+(?:fire\s+to|ablaze|on\s+fire)"),
    (
        "violent_demo",
        2,
        r"vandali[sz]\w*|burn(?:ed|t|ing)\s+(?:tyres|tires)|ransack\w*|smash\w*|clashed\s+with\s+(?:the\s+)?police|molotov|petrol\s+bombs?",
    ),
    # Beside a protest: "turned violent", "street violence", "scuffles", "broke into",
    # "pull down concrete walls", "trashing businesses", barricades.
    (
        "violent_demo",
        2,
        r"turn(?:ed|s|ing)?\s+(?:\w+\s+)?violent|(?:street|escalating|outbreaks?\s+of)\s+violence"
        r"|scuffl\w+|broke\s+into|(?:pull\w*|tore|tear\w*)\s+down|trash\w*"
        # Protesters' barricades, not the police's ("tried to cross the barricade").
        r"|(?:erected|built|set\s+up|burn\w*|mann\w*)\s+barricades|barricaded\s+(?:the\s+)?(?:roads?|streets?)"
        r"|(?:fought|scuffled|brawled)\s+with\s+(?:the\s+)?(?:police|security|law\s+enforcement)",
    ),
    (
        "mob",
        3,
        r"\bmobs?\b|lynch\w*|vigilantes?|jungle\s+justice|mob\s+justice|angry\s+(?:crowd|residents|villagers|youths)",
    ),
    (
        "agreement",
        3,
        r"agreements?|peace\s+(?:deal|accord|treaty|talks)|(?<!National\s)accords?\b|ceasefire\s+deal|signed\s+(?:a|an)"
        r"|prisoners?\s+(?:exchange|swap|release)|exchange\s+(?:\w+\s+){0,2}?of\s+prisoners"
        r"|release\s+of\s+(?:\w+\s+){0,5}?prisoners|surrender(?:ed|s|ing)?\b"
        r"|laid\s+down\s+(?:their\s+)?(?:arms|weapons)",
    ),
    (
        "agreement",
        2,
        r"agreed|truce|ceasefire|cease-fire|negotiat\w+|memorandum\s+of\s+understanding|reconciliation",
    ),
    (
        "arrests",
        3,
        # "intercepted 15 suspected members of a terrorist group": people stopped, not arms.
        r"intercepted\s+(?:[\w-]+\s+){0,2}?(?:suspects|suspected\s+\w+|members|militants"
        r"|smugglers)\b|arrest\w*|detain(?:ed|s|ing)?\b|apprehended|taken\s+into\s+custody|nabbed|rounded\s+up|detention",
    ),
    (
        "change_group",
        2,
        r"defect\w*|merg(?:ed|er)|splinter|new\s+(?:leader|commander|chief)|appointed|recruit\w*",
    ),
    (
        "change_group",
        2,
        r"mobili[sz]\w*|deploy\w*|dispatch\w*|reinforc\w+|redeploy\w*|arrived|convoy\s+of|relocat\w*|trained|training"
        r"|re-?arm\w*|build-?up|military\s+(?:drills?|exercises?)|terror\s+alert|oath-taking",
    ),
    (
        "change_group",
        1,
        r"announced|launched\s+(?:a|an)\s+(?:campaign|operation|offensive)|curfew|banned|suspended",
    ),
    (
        "disrupted",
        3,
        r"defus\w+|shot\s+down|foil\w*|thwart\w*|bomb\s+disposal|controlled\s+explosion"
        # "intercepted a truck" or "15 suspects" is not a weapon stopped: name the weapon.
        rf"|intercept\w*\s+(?:[\w-]+\s+){{0,5}}?(?:projectiles?|{_WEAPONS})",
    ),
    (
        "disrupted",
        3,
        rf"(?:found|discovered|recovered|detected|seized|uncovered|dismantled|confiscated|impounded"
        # Headline tense: "Police seize explosives at checkpoint".
        rf"|seizes?|finds?|recovers?|discovers?|confiscates?)\s+(?:\w+\s+){{0,5}}?{_WEAPONS}"
        # Destroyed or cleared by the side that found them ("destroyed 342 mines").
        r"|(?:destroyed|cleared|removed)\s+(?:\w+\s+){0,2}?(?:ieds?|landmines?|mines|explosive"
        r"\s+devices|unexploded)",
    ),
    (
        "disrupted",
        3,
        r"(?:caches?|stash(?:es)?|hauls?|stockpiles?)\s+(?:of\s+|containing\s+)(?:\w+\s+){0,4}?"
        r"(?:weapons|arms|firearms|ammunitions?|explosives|guns|rifles|grenades|bombs|mines)"
        # "disarmed the bomb" (not a deal's "disarm its fighters", "Disarmament").
        r"|disarm(?:ed|s|ing)?(?!\s+(?:its|their|the|all|former)?\s*(?:\w+\s+)?(?:fighters|combatants"
        r"|militias?|groups?|members|rebels|ex-combatants))(?!ament)|made\s+safe|neutrali[sz]ed\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?"
        r"(?:bombs?|ieds?|devices?|explosives?|drones?|rockets?|missiles?)",
    ),
    (
        "disrupted",
        2,
        r"(?:arms|weapons|ammunition)\s+(?:cache|depot|haul)|prematurely|were\s+seized|disarmed",
    ),
    (
        "hq",
        3,
        r"(?:set\s+up|established|built|opened(?!\s+fire)|establish(?:ed|es|ing)?|created|constructed"
        r"|construction\s+of)\s+(?:[\w-]+\s+){0,4}?(?:bases?|headquarters|camps?|posts?|points?"
        r"|outposts?|offices?)\b"
        # "a new militia camp was built", "observation points have been established".
        r"|(?:base|headquarters|camps?|posts?|outposts?|points)\s+(?:\w+\s+){0,2}?(?:was|were"
        r"|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:set\s+up|established|built"
        r"|opened|constructed|created)",
    ),
    ("hq", 2, r"observation\s+posts?|points?\s+were\s+set\s+up|was\s+established|stronghold"),
    (
        "looting",
        3,
        r"loot\w*|plunder\w*|pillag\w*|property\s+destruction|razed|burn(?:ed|t)\s+(?:down\s+)?(?:\w+\s+)?(?:houses|homes|shops|property|properties|huts)",
    ),
    (
        "looting",
        2,
        r"destroyed\s+(?:\w+\s+)?(?:houses|homes|property|properties|crops|shops)|vandalised|vandalized|torched\s+(?:\w+\s+)?(?:houses|homes|vehicles|shops)",
    ),
    ("grave", 3, r"mass\s+graves?"),
    (
        "coup",
        3,
        r"coups?\b|coup\s+d['’]\s*(?:e|é)tat|putsch(?:es)?\b|(?:took|take|taking|seized)\s+over\s+"
        r"(?:the\s+)?state\s+(?:radio|television|broadcaster|tv)|(?:announced|declared)\s+the\s+"
        r"(?:removal|overthrow|dismissal)\s+of\s+the\s+(?:president|government)",
    ),
    ("other", 3, r"displac\w+|state\s+of\s+emergency|tunnels?"),
    # Remains found long after the deaths (ACLED: Other, like a mass grave).
    (
        "grave",
        3,
        r"clandestine\s+graves?|(?:bags?|sacks?)\s+(?:containing|of|with)\s+human\s+remains"
        r"|human\s+remains\s+(?:were\s+|had\s+been\s+)?(?:found|discovered|buried|exhumed)",
    ),
    (
        "disaster",
        3,
        r"earthquakes?|floods?|flooding|cyclones?|hurricanes?|typhoons?|landslides?|tsunami|wildfires?|droughts?|volcan\w*|tornado\w*|avalanches?"
        r"|bush\s*fires?|forest\s+fires?|fires?\s+(?:are\s+|were\s+)?(?:burning|raging|spread\w*)"
        # Volcanoes, poisonings, lightning and accidents with guns: no one's attack.
        r"|(?:volcanic\s+)?eruptions?(?!\s+of\s+(?:violence|fighting|clashes|protests?|unrest|anger))"
        r"|lava|pyroclastic|ash\s+(?:column|cloud|fall)|food\s+poisoning"
        r"|(?:contaminated|spoiled|tainted)\s+(?:food|meat|rice|water|alcohol|liquor)"
        r"|lightning|thunderstorms?|electrocut\w*|(?:goes|went|go)\s+off\s+accidentally"
        r"|accidental(?:ly)?\s+(?:discharge|shooting|fired|shot|went\s+off)|negligent\s+discharge"
        # Air crashes, epidemics and wild animals.
        r"|(?:plane|aircraft|airliner|helicopter|jet)\s+(?:\w+\s+){0,2}?crash(?:ed|es)?\b"
        r"|crashed\s+(?:shortly\s+)?(?:after|on)\s+take-?off|technical\s+failure"
        r"|hostile\s+action\s+(?:is|was|has\s+been)\s+ruled\s+out|died\s+of\s+cholera"
        r"|cholera\s+(?:outbreak|cases|deaths)|measles|dengue|malaria|ebola|diphtheria"
        r"|meningitis|mpox|lassa\s+fever|(?:shot|shoot|shoots|killed|tranquilli[sz]\w+)\s+(?:dead\s+)?"
        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:tiger|leopard|lion|elephant|bear|crocodile)s?\b"
        r"|(?:tiger|elephant|leopard|crocodile|lion|shark"
        r"|hippo|bear)s?\s+(?:attack|kill|maul|pounc|drag|trampl)\w*|(?:killed|mauled|trampled)"
        r"\s+by\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:tiger|elephant|leopard|crocodile|lion|shark"
        r"|hippo|bear)s?\b",
    ),
    (
        "disaster",
        2,
        r"heavy\s+rains?|storms?\b|epidemic|cholera|outbreak|(?:road|traffic|car|bus)\s+(?:accident|crash)|plane\s+crash|fire\s+broke\s+out",
    ),
    # Heat, drownings, stampedes, accidental fires and blasts: accidents and disasters.
    (
        "disaster",
        3,
        r"heat\s*waves?|heatstroke|cold\s+(?:wave|snap)s?|blizzards?|stampedes?|capsiz\w*"
        # "A fire that broke out in a restaurant", "Fire at a market building kills 46".
        r"|fire\s+that\s+broke\s+out|(?:fire|blaze|inferno)\s+(?:at|in)\s+(?:an?\s+|the\s+)?"
        r"(?:[\w'’-]+\s+){0,3}?(?:building|restaurant|factory|hospital|hotel|warehouse|mall"
        r"|apartment|block|nightclub|dormitory|hostel)"
        r"|drown(?:ed|ing|s)?\b|shipwrecks?|(?:boat|ship|ferry|vessel|canoe)s?\s+(?:\w+\s+){0,3}?"
        r"(?:sank|sink|sinks|sinking|overturned)|blaze\b|(?:fire|flames)\s+(?:swept|gutted|engulfed"
        r"|ravaged|tore)|electrical\s+fault|short[- ]circuit|gas\s+(?:explosion|leak|cylinder)"
        r"|cylinder\s+explo\w*|(?:tanker|fuel|petrol|gasoline|diesel|pipeline|boiler|factory"
        r"|refinery)\s+(?:[\w'’-]+\s+)?(?:explosion|blast|fire|inferno)",
    ),
    # Crime that no armed group or state is party to: ACLED codes political violence only.
    (
        "crime",
        3,
        r"robbery|robbers|heist|burglar\w*|carjack\w*|domestic\s+(?:disputes?|violence|rows?)"
        # A killing that ends in the killer's own death or attempt: a family tragedy.
        r"|turn(?:ed|ing|s)?\s+(?:the\s+|a\s+)?(?:gun|knife|weapon|pistol)\s+on\s+(?:him|her)self"
        r"|t(?:ake|ook|aking)\s+(?:his|her)\s+own\s+life|self-inflicted"
        r"|family\s+(?:dispute|feud|row)|(?:not|no)\s+(?:linked|related|connected)\s+to\s+"
        r"(?:any\s+)?(?:armed\s+|militant\s+|terror\w*\s+)?(?:group|terror\w*|militan\w*)"
        # A killing at home by a partner: "stabbing his partner to death after an argument".
        r"|(?:killing|killed|stabbing|stabbed|murdering|murdered|strangl\w+|shooting|shot)\s+"
        r"(?:his|her)\s+(?:partner|wife|husband|girlfriend|boyfriend|ex-wife|ex-husband)"
        r"|after\s+an?\s+(?:argument|quarrel|altercation)",
    ),
    # Drills, arms deals and culture name weapons and wars without an incident.
    (
        "arms_deal",
        3,
        r"(?:buy|bought|buying|purchas\w*|acquir\w*|procure\w*|order(?:ed)?|deliver\w*|sell"
        r"|sold|selling|sale\s+of|supply\s+of|deal\s+(?:for|to\s+buy))\s+(?:[\w$.,-]+\s+){0,4}?"
        r"(?:drones?|jets?|warplanes?|missiles?|helicopters?|tanks|air\s+defen[cs]e|weapons|arms"
        r"|rockets|artillery|fighter)",
    ),
    (
        "culture",
        3,
        r"films?\b|documentar(?:y|ies)\b|novels?\b|memoir|exhibition|premiere|box\s+office"
        r"|book\s+(?:about|on)|obituary|died\s+(?:[\w,]+\s+){0,6}?aged\s+\d+"
        r"|video\s+games?|(?:first|third)-person\s+shooter|game\s+studio|gamers?"
        r"|lectures?\b|historians?\b|symposium|tv\s+series|television\s+series|screen(?:ed|ing)\b",
    ),
    # Courts: a hearing, a trial or a sentence over killings is no new event.
    (
        "trial",
        3,
        r"(?:international\s+)?criminal\s+court|tribunal|(?:opens?|began|begins|opened)\s+"
        r"(?:a\s+)?(?:hearing|trial)|(?:trial|hearing)\s+(?:of|over|into|on)|war\s+crimes\s+"
        r"(?:trial|court|case|charges)|pre-trial\s+chamber|(?:was|were)\s+sentenced|sentenced\s+"
        r"(?:him|her|them|\w+\s+men|to\s+(?:life|death|\d+))|convicted\s+of|acquitted\s+of"
        r"|(?:parliamentary\s+)?inquiry\s+(?:commission|report|into)|commission\s+of\s+inquiry",
    ),
    # A period's figures: "a quarterly report", "in its monthly report": no one incident.
    (
        "stats",
        3,
        r"(?:monthly|quarterly|annual|yearly|weekly)\s+(?:report|review|bulletin|figures|statistics"
        r"|update)|in\s+(?:its|their|a)\s+(?:monthly|quarterly|annual|yearly)\s+report",
    ),
    # Aid stories: hunger, rations and funding, whatever violence drove people from home.
    (
        "aid",
        3,
        r"food\s+(?:rations?|insecurity|assistance)|(?:face|facing|faces)\s+(?:hunger|famine"
        r"|starvation)|world\s+food\s+program(?:me)?|funding\s+shortfalls?|malnutrition"
        r"|humanitarian\s+(?:appeal|funding)",
    ),
    # "a gold mine collapsed", "the building collapsed": a collapse is an accident.
    (
        "disaster",
        3,
        r"collaps(?:ed|e|es|ing)\b",
    ),
    # Road crashes: a vehicle out of control is an accident, not an attack.
    (
        "disaster",
        3,
        r"(?:lorry|truck|bus|car|vehicle|train|tanker|minibus|driver)\s+(?:\w+\s+){0,4}?"
        r"(?:lost\s+control|veer\w*|overturn\w*|plung\w*|derail\w*|skid\w*)|brakes?\s+failed"
        r"|(?:road|traffic|highway|bus|lorry|truck)\s+(?:accidents?|crash(?:es)?)",
    ),
    (
        "diplomacy",
        2,
        r"talks|summit|visit\w*|met\s+with|meeting|bilateral|diplomat\w*|envoy|ambassador|minister|condemn\w*|sanctions|election\w*|parliament"
        r"|security\s+council|(?:draft\s+)?resolution|general\s+assembly|negotiations?",
    ),
    (
        "diplomacy",
        1,
        r"statement|called\s+(?:for|on)|urged|said|told|announced|welcomed|praised|warned",
    ),
    # A market story: the attacks it names are why prices moved ("Oil prices rose after
    # drone attacks on tankers last week"), not news of their own.
    (
        "market",
        3,
        r"(?:oil|crude|gold|food|fuel|wheat|grain)\s+prices|(?:crude|brent|oil)\s+futures"
        r"|stock\s+(?:markets?|exchange)|(?:a|per)\s+barrel|traders\s+said|investors|bond\s+yields"
        r"|shares\s+(?:rose|fell|jumped|slumped)",
    ),
    (
        "sport",
        3,
        # Not "Awami League", "Muslim League" (parties): a capitalised League only in a competition.
        r"tournament|(?-i:league)|(?:Premier|Champions|Europa|Super|Premiership)\s+League|championship|olympic\w*|world\s+cup|football|cricket|stadium|scored|goalkeeper|match(?:es)?\b"
        r"|derby|striker|midfielder|kick-off|\d{1,2}-\d{1,2}\s+(?:win|victory|defeat|draw|loss)"
        r"|beat\s+(?:[\w'’-]+\s+){0,3}?\d{1,2}-\d{1,2}\b|goals?\s+(?:down|up|behind|ahead)"
        r"|(?:first|second)\s+half|penalt(?:y|ies)\s+(?:kick|shoot-?out|spot)|late\s+winner"
        r"|fans\s+(?:set\s+off|celebrat\w*|chant\w*|invaded)"
        # Other sports and their scorelines: "crushing the visitors 48-12", "a 3-1 triumph".
        r"|rugby|scrums?|maul|wickets?|innings|batsm[ae]n|bowlers?|boxing|boxers?|referee"
        r"|(?:first|final|half-time|full-time)\s+whistle|half-?time|full-time|semi-finals?"
        r"|quarter-finals?|play-?offs?|standings|grand\s+slam|title\s+(?:race|fight|defen[cs]e)"
        r"|cup\s+final|touchdowns?|home\s+side|knockout|bouts?\b(?!\s+of)"
        r"|(?:first|second|third|fourth|fifth|sixth|final)\s+round\b(?!\s+of)"
        r"|(?:retain|defend|clinch)\w*\s+(?:his|her|their|the)\s+(?:world\s+)?title"
        r"|e-?sports|counter-strike|deciding\s+map|marathon|podium|runners|medals?\b|overtime"
        r"|\d{1,2}-\d{1,2}\s+deficit|(?:crush|thrash|defeat|edg|hammer|rout|down|stunn?)"
        r"(?:s|ed|ing|e)?\s+(?:[\w'’-]+\s+){0,4}?\d{1,3}-\d{1,3}\b"
        r"|\d{1,3}-\d{1,3}\s+(?:triumph|thrashing|drubbing|rout|scoreline)",
    ),
    (
        "claim",
        1,
        r"claimed\s+responsibility|claimed|claims|said\s+its\s+(?:fighters|militants|men)",
    ),
    (
        "attack",
        2,
        r"attacked|stormed|armed\s+(?:group|men|assailants)\s+(?:(?!plann|plott|prepar)\w+\s+){0,3}?(?<!planning\s)(?<!plotting\s)attack\w*",
    ),
    ("attack", 1, r"assailants?|attacks?|killed|gunfire|shot|shooting|armed\s+men|bandits"),
    ("clash", 1, r"battle|battles|operations?\s+against|killed\s+in\s+action|troops|soldiers"),
)

FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(f for f, _, _ in CUES))
_GROUP_INFO: dict[str, tuple[str, float]] = {f"c{i}": (f, w) for i, (f, w, _) in enumerate(CUES)}
# One alternation in table order (the first cue that matches at a word wins), tried only at
# the words that can start a cue.
CUE_INDEX = TriggeredAlternation(
    [(f"c{i}", rf"\b(?:{p})") for i, (_, _, p) in enumerate(CUES)], re.I
)


class Cue(NamedTuple):
    """One cue word found: its family, weight, and where it sits in the text."""

    family: str
    weight: float
    start: int
    end: int
    text: str


def find_cues(text: str | Words) -> list[Cue]:
    """Every cue in `text`, leftmost, non-overlapping, in reading order."""
    words = text if isinstance(text, Words) else Words(text)
    out = []
    text = words.text
    for m in CUE_INDEX.folded(words):
        family, weight = _GROUP_INFO[m.lastgroup or ""]
        start, end = m.span()
        # Cue(...) without calling the NamedTuple's interpreted __new__
        out.append(tuple.__new__(Cue, (family, weight, start, end, text[start:end])))
    return out
