"""Toll, place and actor phrasings of full news copy (issue 3, session 2).

Every sentence and article here was written for this file, in the manner of wire services
(AP, Reuters, AFP, Xinhua, Anadolu), the BBC, local papers, NGO flash updates and government
releases. ACLED conventions: the conservative figure in `killed`, the highest in `killed_max`,
attackers counted, the latest toll when the article says it rose, officials over claims.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.classify import classify
from services.classify.casualties import extract_tolls
from shared.models import Article, Classification

Pair = tuple[int, int] | None
PUBLISHED = datetime(2025, 5, 8, 15, 0, tzinfo=UTC)


def _pair(sentence: str, kind: str) -> Pair:
    """The sentence's figure as the classifier totals it: coordinated groups add up, while a
    breakdown ("including ...") or a new total ("bringing the toll to ...") stands alone."""
    found = [t for t in extract_tolls(sentence) if t.kind == kind]
    if not found:
        return None
    plain = [t for t in found if not t.subset and not t.update]
    other = [t for t in found if t.subset or t.update]
    return (
        max([sum(t.low for t in plain), *(t.low for t in other)]),
        max([sum(t.high for t in plain), *(t.high for t in other)]),
    )


def _news(title: str | None, *paragraphs: str) -> Classification:
    return classify(
        Article(id="t", title=title, text="\n\n".join(paragraphs), published_at=PUBLISHED)
    )


# (why, sentence, killed (low, high) or None, wounded (low, high) or None)
SENTENCES: list[tuple[str, str, Pair, Pair]] = [
    (
        "the death toll climbed to",
        "The death toll climbed to 63 on Wednesday, the health ministry said.",
        (63, 63),
        None,
    ),
    (
        "bringing the number of dead to",
        "Two more victims died overnight, bringing the number of dead to 112, the governor said.",
        (112, 112),
        None,
    ),
    (
        "X people, including N children, died",
        "Thirty-one people, including 12 children, died when the shell hit the school.",
        (31, 31),
        None,
    ),
    ("N dead and M hurt", "Fourteen dead and 30 hurt in market blast", (14, 14), (30, 30)),
    (
        "killed N people and injured M others",
        "The explosion killed 17 people and injured 42 others near the bus station.",
        (17, 17),
        (42, 42),
    ),
    (
        "were confirmed dead",
        "At least 22 were confirmed dead by Saturday evening, police said.",
        (22, 22),
        None,
    ),
    ("officials put the toll at", "Officials put the toll at 19 on Monday.", (19, 19), None),
    (
        "bodies were recovered",
        "Rescuers said 26 bodies were recovered from the rubble of the mosque.",
        (26, 26),
        None,
    ),
    (
        "left N dead and M wounded",
        "The overnight raid left 9 dead and 14 wounded, residents said.",
        (9, 9),
        (14, 14),
    ),
    (
        "claimed the lives of N",
        "The attack claimed the lives of 38 worshippers at the mosque.",
        (38, 38),
        None,
    ),
    (
        "N people lost their lives",
        "Eleven people lost their lives in the attack on the convoy.",
        (11, 11),
        None,
    ),
    ("a dozen", "A dozen villagers were shot dead in the raid.", (12, 12), None),
    ("half a dozen", "Half a dozen guards were killed at the gate.", (6, 6), None),
    ("two dozen", "Two dozen soldiers were killed in the ambush.", (24, 24), None),
    (
        "more than a hundred",
        "More than a hundred people were killed in the bombing.",
        (100, 100),
        None,
    ),
    (
        "killed N and wounded M others",
        "Gunmen killed six people and wounded nine others at a wedding.",
        (6, 6),
        (9, 9),
    ),
    (
        "sides summed with left ... dead",
        "The clash left 10 soldiers and 15 militants dead.",
        (25, 25),
        None,
    ),
    (
        "N militants were neutralised",
        "At least 12 terrorists were neutralised during the operation, the army said.",
        (12, 12),
        None,
    ),
    (
        "neutralized, Anadolu spelling",
        "Turkish forces neutralized 8 PKK terrorists in northern Iraq, the ministry said.",
        (8, 8),
        None,
    ),
    (
        "a percentage after a toll",
        "The strike killed 15 people, 60 percent of them women and children.",
        (15, 15),
        None,
    ),
    (
        "a percentage is no toll",
        "Nearly 70 percent of those killed were civilians, the report said.",
        None,
        None,
    ),
    (
        "money near a toll",
        "The state paid 5 million naira to each family of the 21 people killed in the attack.",
        (21, 21),
        None,
    ),
    (
        "a year before a toll",
        "In 2023, gunmen killed 8 farmers in the same district.",
        (8, 8),
        None,
    ),
    (
        "an N-member family",
        "A seven-member family was killed when the shell hit their home.",
        (7, 7),
        None,
    ),
    (
        "an N-member family attacked, fewer killed",
        "Gunmen attacked a 10-member family, killing three of them.",
        (3, 3),
        None,
    ),
    (
        "a family of N",
        "A family of six was killed in the air strike on Tuesday.",
        (6, 6),
        None,
    ),
    (
        "N members of one family",
        "Five members of one family were killed in the blast.",
        (5, 5),
        None,
    ),
    (
        "N died and M were injured",
        "Seven people died and 12 were injured when the bomb went off.",
        (7, 7),
        (12, 12),
    ),
    (
        "left at least N dead and more than M injured",
        "The bombing left at least 31 people dead and more than 50 injured.",
        (31, 31),
        (50, 50),
    ),
    ("the toll stood at", "The toll stood at 27 dead on Sunday night.", (27, 27), None),
    ("N others were wounded", "Twelve others were wounded.", None, (12, 12)),
    (
        "N killed and two others wounded",
        "Three soldiers were killed and two others were wounded.",
        (3, 3),
        (2, 2),
    ),
    (
        "a person and N others",
        "The attack killed a police officer and two civilians.",
        (3, 3),
        None,
    ),
    (
        "killed three, including a child",
        "The attack killed three, including a child.",
        (3, 3),
        None,
    ),
    ("fatalities rose to", "Fatalities rose to 15 by nightfall.", (15, 15), None),
    (
        "NGO flash update figures",
        "Casualties: 8 people killed and 20 injured, according to local health workers.",
        (8, 8),
        (20, 20),
    ),
    (
        "died on the spot and another succumbed",
        "Two people died on the spot and another succumbed to his injuries in hospital.",
        (3, 3),
        None,
    ),
    (
        "houses are not victims",
        "The attackers killed 4 villagers and torched 30 houses.",
        (4, 4),
        None,
    ),
    (
        "abducted are not killed",
        "Gunmen abducted 20 students and killed one teacher.",
        (1, 1),
        None,
    ),
    (
        "among them N children",
        "The strike killed 11 people, among them four children.",
        (11, 11),
        None,
    ),
    ("reported killed", "Around 60 people were reported killed.", (60, 60), None),
    ("perished", "Some 25 people perished in the attack.", (25, 25), None),
    (
        "the bodies of N were found",
        "The bodies of 13 men were found dumped by a roadside.",
        (13, 13),
        None,
    ),
    (
        "Xinhua 'a total of ... others'",
        "A total of 16 people were killed and 32 others injured in the attack.",
        (16, 16),
        (32, 32),
    ),
    ("in all, N died", "In all, 34 people died.", (34, 34), None),
    ("the number of dead has reached", "The number of dead has reached 70.", (70, 70), None),
    (
        "headline: death toll rises to",
        "Death toll in Kabul mosque blast rises to 24",
        (24, 24),
        None,
    ),
    (
        "headline: N killed, M injured",
        "Two killed, five injured in grenade attack on bar",
        (2, 2),
        (5, 5),
    ),
    ("headline: leaves at least N dead", "Blast in Kabul leaves at least 3 dead", (3, 3), None),
    (
        "an age before the victims",
        "A five-year-old girl was killed by a stray bullet.",
        (1, 1),
        None,
    ),
    (
        "the attackers' strength is no toll",
        "Some 200 fighters attacked the town on Friday, killing 8 residents.",
        (8, 8),
        None,
    ),
    (
        "losses on both sides of a communique",
        "The army said it killed 27 militants while losing 4 soldiers.",
        (31, 31),
        None,
    ),
    (
        "the dead included",
        "The dead included 11 soldiers and 3 civilians.",
        (14, 14),
        None,
    ),
    (
        "as many as N",
        "Local media reported as many as 30 deaths in the village.",
        (30, 30),
        None,
    ),
    (
        "N more bodies",
        "Nine more bodies were pulled from the rubble on Thursday.",
        (9, 9),
        None,
    ),
    (
        "one of the wounded later died",
        "One of the wounded later died in hospital, a doctor said.",
        (1, 1),
        None,
    ),
    (
        "killed in an attack that also injured",
        "Nine people were killed in an attack that also injured 23.",
        (9, 9),
        (23, 23),
    ),
    (
        "the bomber at the end of a long object",
        "The bomber detonated his vest at the gate, killing three guards of the local militia"
        " and himself.",
        (4, 4),
        None,
    ),
    (
        "a breakdown after a dash",
        "Forty people were killed - 28 died at the scene while 12 died later in hospital.",
        (40, 40),
        None,
    ),
    (
        "fighters from both sides",
        "At least 27 fighters from both sides were killed in the fighting.",
        (27, 27),
        None,
    ),
    (
        "captives killed after a kidnapping",
        "Gunmen kidnapped 14 people, including two teachers, near the border. The captives were"
        " executed the next morning.",
        (14, 14),
        None,
    ),
    (
        "soldiers abducted, then killed",
        "Militants abducted three army soldiers at a checkpoint. The soldiers were killed hours"
        " later.",
        (3, 3),
        None,
    ),
    (
        "a named victim with an apposition",
        "Gunmen abducted Karim Haidari on Monday. Haidari, the head of the district council, was"
        " executed on Tuesday.",
        (1, 1),
        None,
    ),
    (
        "'in addition to the suicide bombers' adds the assailants counted before",
        "Four assailants stormed the compound. In addition to the suicide bombers, two guards"
        " were killed.",
        (6, 6),
        None,
    ),
    (
        "ordinal unit is no toll",
        "Soldiers of the 3rd Infantry Division killed 5 gunmen near the border.",
        (5, 5),
        None,
    ),
    (
        "a coder's count label",
        "Rebels ambushed an army convoy near the river crossing. Fatalities: 7.",
        (7, 7),
        None,
    ),
    (
        "burned to death, then the victims",
        "A crowd beat and burned to death 13 suspected thieves in the market on Monday.",
        (13, 13),
        None,
    ),
    (
        "a figure quoted inside the toll phrase",
        'The commander put the provisional toll at "at least nine" soldiers killed.',
        (9, 9),
        None,
    ),
    (
        "both men were dead",
        "By the time police arrived, both men were dead and the crowd had gone.",
        (2, 2),
        None,
    ),
    (
        "the bomber counted with 'as well as himself'",
        "The bomber blew himself up at a tea shop, killing at least seven people as well as"
        " himself, police said.",
        (8, 8),
        None,
    ),
    (
        "a patrolman is a person",
        "A patrolman was killed and five people were wounded at the post on Saturday.",
        (1, 1),
        (5, 5),
    ),
    (
        "a present-tense headline verb",
        "Mob lynches two suspected thieves in market town.",
        (2, 2),
        None,
    ),
    (
        "a vague crowd after a comma is another clause",
        "An eruption kills seven, thousands flee the slopes.",
        (7, 7),
        None,
    ),
    (
        "a part of the dead after a comma",
        "Gunmen stormed the village, killing eight, five of them children.",
        (8, 8),
        None,
    ),
    (
        "a group and both of another",
        "Eight soldiers and both suicide attackers were killed at the gate.",
        (10, 10),
        None,
    ),
]

NOT_TOLLS = [
    ("toll could rise", "Officials said the toll could rise."),
    ("missing people", "Another 8 people are missing."),
    ("houses destroyed", "Twelve houses were destroyed in the fire."),
    ("arrests", "Police arrested 15 suspects after the clash."),
    ("displaced families", "More than 300 families have been displaced by the fighting."),
    ("people in need", "The UN said 1.2 million people need food aid."),
    ("a force's strength", "The 2,000-strong force will deploy in June."),
    ("a time of day", "The attack happened at 11:30 p.m. near the gate."),
    ("a convoy's trucks", "A convoy of 40 trucks carrying aid reached the town."),
    ("money", "Kidnappers demanded $50,000 for each of the 4 hostages."),
]


@pytest.mark.parametrize(
    ("why", "sentence", "killed", "wounded"), SENTENCES, ids=[c[0] for c in SENTENCES]
)
def test_news_toll_sentences(why: str, sentence: str, killed: Pair, wounded: Pair) -> None:
    assert (_pair(sentence, "killed"), _pair(sentence, "wounded")) == (killed, wounded), why


@pytest.mark.parametrize(("why", "sentence"), NOT_TOLLS, ids=[c[0] for c in NOT_TOLLS])
def test_news_numbers_that_are_not_tolls(why: str, sentence: str) -> None:
    assert [t for t in extract_tolls(sentence) if t.kind == "killed" and t.low > 0] == [], why


def test_a_statement_about_its_own_troops_is_a_claim() -> None:
    (toll,) = extract_tolls("The army said in a statement that its troops killed 40 militants.")
    assert (toll.low, toll.claim) == (40, True)


# Whole articles: which figure is the event's.


def test_a_toll_that_rose_overnight_is_the_latest() -> None:
    c = _news(
        "Death toll in Peshawar mosque bombing rises to 61",
        "PESHAWAR, Pakistan (AP) — The death toll from Monday's suicide bombing at a mosque"
        " inside a police compound in northwest Pakistan rose to 61 on Tuesday, up from 44"
        " a day earlier, officials said.",
        "Rescuers were still digging through the rubble of the collapsed prayer hall.",
    )
    assert (c.killed, c.killed_max) == (61, 61)
    assert c.country == "Pakistan"


def test_the_first_official_toll_and_the_later_one() -> None:
    c = _news(
        "Gunmen attack village in Niger",
        "NIAMEY, May 8 (AFP) - Gunmen on motorbikes attacked the village of Tinfara in"
        " western Niger's Tillaberi region on Tuesday.",
        "The first official toll was 12 dead; it later rose to 20, the interior ministry said"
        " on Wednesday.",
    )
    assert c.killed == 20
    assert c.country == "Niger"
    assert c.location is not None and c.location.startswith("Tinfara")


def test_one_of_the_wounded_later_died_adds_to_the_toll() -> None:
    c = _news(
        "Four shot dead at bus stop in Karachi",
        "KARACHI: Unknown gunmen on a motorcycle opened fire at a bus stop in the city's"
        " Orangi Town area on Wednesday, killing four people and wounding six, police said.",
        "One of the wounded later died in hospital, bringing the toll to five.",
    )
    assert c.killed == 5


def test_a_weekly_roll_up_is_not_the_events_toll() -> None:
    c = _news(
        "Bandits kill six farmers in Zamfara",
        "GUSAU (Daily Trust) - Armed bandits killed six farmers working on their fields in"
        " the Maru area of Zamfara State on Tuesday, residents said.",
        "At least 45 people have been killed in the past week in attacks across the state,"
        " according to a tally by local journalists.",
    )
    assert c.killed == 6
    assert c.country == "Nigeria"


def test_officials_over_a_claim() -> None:
    c = _news(
        "Seven soldiers killed in attack on army post in Mali",
        "BAMAKO, May 8 (Reuters) - Seven soldiers were killed when militants attacked an army"
        " post near the town of Boni in central Mali on Wednesday, the army said.",
        "In a statement on social media, the al Qaeda-linked JNIM said its fighters had killed"
        " 30 soldiers and seized weapons.",
    )
    assert c.killed == 7
    assert c.country == "Mali"
    assert any("JNIM" in a for a in c.actors)


def test_a_conservative_official_figure_and_a_higher_hospital_one() -> None:
    c = _news(
        "Blast hits market in Somalia",
        "MOGADISHU (Reuters) - A car bomb exploded at a busy market in Mogadishu on Thursday."
        " Police said 9 people were killed, while hospital sources put the toll at 14.",
    )
    assert (c.killed, c.killed_max) == (9, 14)
    assert c.country == "Somalia"
    assert c.location == "Mogadishu"


def test_both_sides_in_separate_sentences_add_up() -> None:
    c = _news(
        "Soldiers, militants killed in northwest Pakistan clash",
        "ISLAMABAD, May 8 (Xinhua) -- Four soldiers were killed in an exchange of fire with"
        " militants in Pakistan's North Waziristan district on Wednesday, the military said.",
        "Eleven militants were also killed in the fighting, the statement added.",
    )
    assert c.killed == 15


def test_headline_and_body_agree_the_body_figure_stands() -> None:
    c = _news(
        "Suicide bomber kills 13 at Somali military base",
        "MOGADISHU, May 8 (AFP) - A suicide bomber killed 13 soldiers at a military training"
        " camp in the Somali capital on Thursday, officials said. The bomber, who was wearing"
        " a military uniform, also died.",
    )
    assert c.killed == 14
    assert c.country == "Somalia"


def test_a_kabul_based_group_does_not_place_the_event() -> None:
    c = _news(
        "Air strike kills nine civilians in southern Afghanistan",
        "An air strike killed nine civilians, including four children, in the Maiwand district"
        " of Kandahar province on Wednesday, a Kabul-based rights group said.",
    )
    assert c.killed == 9
    assert c.country == "Afghanistan"
    assert c.location is not None and ("Maiwand" in c.location or "Kandahar" in c.location)
    assert "Kabul" not in c.location


def test_town_then_province() -> None:
    c = _news(
        "Militants attack police station in Nigeria",
        "Militants attacked a police station in the town of Dikwa, Borno state, on Wednesday,"
        " killing three officers, police said.",
    )
    assert c.killed == 3
    assert c.country == "Nigeria"
    assert c.location is not None and c.location.startswith("Dikwa")


def test_the_bbc_style_lead_with_a_country_only_in_a_demonym() -> None:
    c = _news(
        "Burkina Faso: dozens killed in attack on army convoy",
        "Dozens of soldiers have been killed in an ambush on a convoy in northern Burkina"
        " Faso, security sources have told the BBC. The attack happened near Djibo, in Soum"
        " province, on Monday.",
    )
    assert c.killed == 12
    assert c.country == "Burkina Faso"
    assert c.location is not None and "Djibo" in c.location


def test_a_government_release_neutralised_terrorists() -> None:
    c = _news(
        "Troops neutralise 15 terrorists in Borno",
        "Troops of Operation Hadin Kai have neutralised 15 terrorists and rescued 8 kidnapped"
        " victims in an operation near Gwoza, Borno State, the Defence Headquarters said in a"
        " statement on Thursday.",
    )
    assert c.killed == 15
    assert c.country == "Nigeria"


def test_an_ngo_flash_update() -> None:
    c = _news(
        "Flash Update No. 3: Attack on IDP site, Ituri",
        "On 6 May, armed assailants attacked the Lala displacement site in Djugu territory,"
        " Ituri province. According to local sources, 18 people were killed, including 7"
        " children, and 9 others injured. Some 2,400 households have fled to nearby sites.",
    )
    assert (c.killed, c.wounded) == (18, 9)
    assert c.country is not None and "Congo" in c.country


def test_a_twelve_year_anniversary_is_not_a_toll() -> None:
    c = _news(
        "Gunmen kill 3 in attack on Kenyan bus",
        "NAIROBI, Kenya (AP) — Suspected al-Shabab militants attacked a bus near Mandera on"
        " Wednesday, killing three passengers, police said. It was the worst attack in the"
        " county since 2014, when 28 bus passengers were killed.",
    )
    assert c.killed == 3
    assert c.country == "Kenya"
    assert any("Shabab" in a or "Shabaab" in a for a in c.actors)


def test_a_lead_without_a_toll_takes_the_toll_of_its_fighting() -> None:
    # The second paragraph names other places (where the defenders fled), the third gives the
    # toll of "the fighting" with no place of its own: it is the capture's toll.
    c = _news(
        "Rebels take trading centre in eastern Congo after two days of fighting",
        "Rebels of the M23 have taken control of Kibirizi, a trading centre in the Rutshuru"
        " territory of North Kivu, after two days of fighting with militias, local sources"
        " said on Saturday.",
        "The militias withdrew towards Kanyabayonga and Luofu, residents said.",
        "At least four fighters and two civilians were killed during the fighting, according"
        " to the same sources.",
    )
    assert c.sub_event_type == "Non-state actor overtakes territory"
    assert c.killed == 6


def test_a_separate_incident_keeps_its_own_toll() -> None:
    c = _news(
        "Rebels take trading centre in eastern Congo",
        "Rebels of the M23 have taken control of Kibirizi, a trading centre in the Rutshuru"
        " territory of North Kivu, local sources said on Saturday.",
        "In a separate incident, three people were killed when a shell hit a market.",
    )
    assert c.sub_event_type == "Non-state actor overtakes territory"
    assert c.killed == 0


def test_a_claim_between_the_lead_and_the_bodies_counted_later() -> None:
    c = _news(
        "Ethnic army seizes junta base in western Myanmar",
        "An ethnic armed group captured a junta battalion base on the outskirts of Paletwa"
        " Township in southern Chin State on Sunday after a five-day siege, residents said.",
        "The group said in a statement that its troops had taken the base, killing more than"
        " 50 soldiers. The claim could not be verified.",
        "Villagers who entered the base after the fighting said they counted at least nine"
        " bodies of soldiers.",
    )
    assert c.sub_event_type == "Non-state actor overtakes territory"
    assert c.killed == 9
    assert c.location is not None and c.location.startswith("Paletwa")
    assert "Township" not in c.location


# Batch 2, written before running it against the extractor.
SENTENCES_2: list[tuple[str, str, Pair, Pair]] = [
    (
        "the toll may rise",
        "The blast killed four and injured 13, the official said, adding that the death toll"
        " may rise.",
        (4, 4),
        (13, 13),
    ),
    (
        "a quoted toll",
        "The attack left 'at least 17 dead', a local official told AFP.",
        (17, 17),
        None,
    ),
    (
        "N died, including ..., and at least M were injured",
        "Authorities said 11 people died, including three children, and at least 30 were injured.",
        (11, 11),
        (30, 30),
    ),
    (
        "raising an earlier toll",
        "Gunmen killed at least 30 people in the village, a local official said, raising an"
        " earlier toll of 21.",
        (30, 30),
        None,
    ),
    (
        "martyred and dozens injured",
        "At least five Palestinians were martyred and dozens injured in Israeli strikes on the"
        " camp.",
        (5, 5),
        (12, 12),
    ),
    ("known to have died", "At least 50 people are now known to have died.", (50, 50), None),
    ("feared killed", "Four persons were feared killed in the attack.", (4, 4), None),
    (
        "the toll has risen after the injured died",
        "The death toll has now risen to 23 after two of the injured died in hospital.",
        (23, 23),
        None,
    ),
    ("of the N killed", "Of the 20 killed, 12 were soldiers.", (20, 20), None),
    ("killing a total of", "The gunmen opened fire, killing a total of 18 people.", (18, 18), None),
    ("an estimated N", "An estimated 40 people were killed in the raid.", (40, 40), None),
    (
        "shot dead N and set fire",
        "The attackers shot dead six villagers and set fire to homes.",
        (6, 6),
        None,
    ),
    (
        "lost their lives and sustained injuries",
        "Two soldiers lost their lives and three sustained injuries in the ambush.",
        (2, 2),
        (3, 3),
    ),
    ("sustained injuries", "Seventeen people sustained injuries in the blast.", None, (17, 17)),
    (
        "left one dead and two injured",
        "The attack left one person dead and two others injured.",
        (1, 1),
        (2, 2),
    ),
    (
        "among them N soldiers",
        "Twelve people, among them five soldiers, were killed.",
        (12, 12),
        None,
    ),
    (
        "headline: killed N, wounded M",
        "Car bomb in Baghdad market kills 10, wounds 20",
        (10, 10),
        (20, 20),
    ),
    ("police recovered N bodies", "Police recovered eight bodies from the scene.", (8, 8), None),
    ("headline: death toll hits", "Death toll from Kabul blast hits 95", (95, 95), None),
    (
        "have died in the violence",
        "At least 26 people have died in the violence, according to the health ministry.",
        (26, 26),
        None,
    ),
    ("casualty figures", "Casualty figures: 3 dead, 9 injured.", (3, 3), (9, 9)),
    (
        "a named person and his sons",
        "The raiders killed the village chief and his two sons.",
        (3, 3),
        None,
    ),
    (
        "members of the security forces",
        "Seven members of the security forces were killed.",
        (7, 7),
        None,
    ),
    (
        "a soldier killed and four others wounded",
        "A soldier was killed and four others wounded.",
        (1, 1),
        (4, 4),
    ),
    (
        "N of them children",
        "Five people, four of them children, were killed.",
        (5, 5),
        None,
    ),
    (
        "one hundred and twelve",
        "One hundred and twelve people were killed in the massacre.",
        (112, 112),
        None,
    ),
    (
        "including the gunman",
        "At least nine people including the gunman were killed.",
        (9, 9),
        None,
    ),
    ("killed instantly", "Eight were killed instantly.", (8, 8), None),
    (
        "reported to have been killed",
        "Rioting spread through the estate. 11 reported to have been killed.",
        (11, 11),
        None,
    ),
    (
        "a unit's name in parentheses",
        "At least 36 soldiers from the Al-Bunyan (Solid Wall) operations room were killed.",
        (36, 36),
        None,
    ),
]


@pytest.mark.parametrize(
    ("why", "sentence", "killed", "wounded"), SENTENCES_2, ids=[c[0] for c in SENTENCES_2]
)
def test_news_toll_sentences_batch_2(why: str, sentence: str, killed: Pair, wounded: Pair) -> None:
    assert (_pair(sentence, "killed"), _pair(sentence, "wounded")) == (killed, wounded), why


def test_the_toll_rose_later_in_the_body() -> None:
    c = _news(
        "Gunmen kill 10 at market in Burkina Faso",
        "OUAGADOUGOU (AFP) - Gunmen killed at least 10 people at a market in the northern town"
        " of Titao on Sunday, security sources said.",
        "The toll later rose to 14 after four of the wounded died, a local official said.",
    )
    assert c.killed == 14


def test_a_breakdown_of_the_dead_stays_a_breakdown() -> None:
    c = _news(
        "Bomb kills nine in Pakistan",
        "QUETTA (Reuters) - A bomb hidden in a motorcycle killed nine people near a police"
        " checkpoint in the city of Quetta on Friday, police said.",
        "Among the dead were three policemen.",
    )
    assert c.killed == 9


def test_a_bomber_who_killed_four_and_himself() -> None:
    c = _news(
        "Suicide blast kills five in Somalia",
        "MOGADISHU (Reuters) - A suicide bomber killed four people and himself at a tea shop near"
        " a military base in Mogadishu on Monday, police said.",
    )
    assert c.killed == 5


def test_a_communique_with_both_sides() -> None:
    c = _news(
        "23 terrorists neutralised in operation",
        "ANKARA (AA) - In the operation, 23 terrorists were neutralized while two soldiers were"
        " martyred, the National Defense Ministry said on Tuesday. The clashes took place in"
        " the Metina region of northern Iraq.",
    )
    assert c.killed == 25
