"""News-article rules: datelines, background paragraphs, the lead's toll, sources that disagree.

Every article here was written for this test; each case is one general rule from the
news-style set's misses (docs/quality.md, "## Classifier").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.classify import classify
from shared.models import Article, Classification

PUBLISHED = datetime(2024, 3, 14, 16, 0, tzinfo=UTC)


def _news(title: str, *paragraphs: str) -> Classification:
    return classify(
        Article(id="t", title=title, text="\n\n".join(paragraphs), published_at=PUBLISHED)
    )


def test_the_datelines_day_is_not_read_into_the_toll() -> None:
    c = _news(
        "Roadside bomb kills four soldiers in NW Pakistan",
        "QUETTA, March 14 (Xinhua) -- At least four soldiers were killed when a roadside bomb"
        " hit their vehicle in Pakistan's southwestern Balochistan province on Thursday,"
        " officials said.",
    )
    assert c.killed == 4
    assert c.sub_event_type == "Remote explosive/landmine/IED"


def test_a_war_wide_total_is_not_the_events_toll() -> None:
    c = _news(
        "Gunmen kill seven villagers in central Mali",
        "BAMAKO, March 14 (Reuters) - Gunmen on motorbikes killed seven villagers in the"
        " Mopti region on Wednesday, a local official said.",
        "The insurgency, which began in 2012, has killed more than 10,000 people across the Sahel.",
        "In 2019, 160 herders were killed in a single raid on a village in the region.",
    )
    assert c.killed == 7
    assert c.severity == "medium"


def test_an_older_capture_in_the_background_does_not_make_a_bombing_a_capture() -> None:
    c = _news(
        "Suicide bomber kills 12 at market in Nigerian town",
        "MAIDUGURI, Nigeria (AFP) - A suicide bomber killed 12 people at a market in the town"
        " of Gwoza on Thursday, emergency officials said.",
        "Gwoza was overrun by Boko Haram in 2014 and retaken by the army a year later.",
    )
    assert c.sub_event_type == "Suicide bomb"
    assert "base_capture" not in c.tags


def test_a_relative_clause_about_an_earlier_attack_keeps_the_current_toll() -> None:
    c = _news(
        "Militants attack checkpoint in northern Afghanistan, 3 police killed",
        "KUNDUZ, Afghanistan (AP) — Militants attacked a police checkpoint in Kunduz province"
        " on Tuesday, killing three policemen, officials said.",
        "The attack took place in Imam Sahib district, where three weeks ago the insurgents"
        " overran an army base in an assault that killed 19 soldiers.",
    )
    assert c.killed == 3
    assert c.sub_event_type == "Armed clash"


def test_an_earlier_date_makes_a_sentence_background() -> None:
    c = _news(
        "Army retakes Abu Zabad from paramilitaries",
        "KHARTOUM, March 14 (Xinhua) -- The Sudanese army on Thursday announced it had"
        " retaken the town of Abu Zabad in West Kordofan from the Rapid Support Forces.",
        "The RSF took over Abu Zabad on January 3 after days of fighting.",
    )
    assert c.sub_event_type == "Government regains territory"


def test_the_leads_official_toll_wins_over_a_later_higher_count() -> None:
    c = _news(
        "Rebels kill 16 villagers in eastern Congo",
        "GOMA, Congo (AP) — Rebels killed 16 villagers in an overnight raid on Kipese, in"
        " North Kivu province, the army said Friday.",
        "A local militia leader said his men had recovered 31 bodies.",
    )
    assert c.killed == 16
    assert c.killed_max == 31
    assert c.country == "Congo, The Democratic Republic of the"


def test_a_second_sources_figure_in_the_same_sentence_is_an_alternative() -> None:
    c = _news(
        "Toll in village attack rises",
        "The number of people killed in an attack on a village in Ituri has risen to 21, the"
        " army said Saturday, while local leaders said 30 bodies had been found.",
    )
    assert c.killed == 21
    assert c.killed_max == 30


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Three policemen were martyred when militants attacked a checkpost in Bannu.", 3),
        ("Militants attacked a checkpost in Bannu, martyring four policemen.", 4),
        ("Militants fired rockets at the town, killing a six-year-old boy and injuring 20.", 1),
    ],
)
def test_news_toll_phrasings(sentence: str, killed: int) -> None:
    assert _news("Attack in northwest", sentence).killed == killed


def test_a_withdrawal_without_a_fight_is_a_non_violent_transfer() -> None:
    c = _news(
        "Insurgents take district after troops withdraw",
        "The insurgents took control of Warduj district on Thursday after government forces"
        " withdrew from the district centre without a fight, officials said.",
        '"There was no fighting," a council member said.',
    )
    assert c.sub_event_type == "Non-violent transfer of territory"
    assert c.severity == "low"


def test_a_handover_of_a_camp_is_a_non_violent_transfer() -> None:
    c = _news(
        "UN mission hands over camp to army",
        "The UN mission handed over its camp in Aguelhok to the national army on Thursday as"
        " it withdraws from the country.",
        "The army and the rebels have both said they want to take over the camp in the town.",
    )
    assert c.sub_event_type == "Non-violent transfer of territory"


def test_a_coup_is_other_not_a_recapture() -> None:
    c = _news(
        "Army officers say they have seized power",
        "Army officers appeared on state television on Thursday and said they had seized"
        " power and dissolved the government.",
    )
    assert c.sub_event_type == "Other"


def test_a_town_under_a_groups_control_is_a_state_not_a_capture() -> None:
    c = _news(
        "Air strikes kill 9 in rebel-held town",
        "Air strikes hit the market of Ariha on Thursday, killing nine people, in the town,"
        " which is under the control of rebel groups.",
    )
    assert c.sub_event_type == "Air/drone strike"
    assert c.killed == 9


def test_looting_with_no_one_harmed_is_looting() -> None:
    c = _news(
        "Armed men loot market",
        "Armed men looted the central market of Bria on Thursday night. No one was killed.",
    )
    assert c.sub_event_type == "Looting/property destruction"


def test_a_road_crash_with_an_older_crash_in_the_background_stays_quiet() -> None:
    c = _news(
        "31 dead as lorry rams into vehicles",
        "At least 31 people were killed on Thursday when a lorry lost control and rammed"
        " into several vehicles at a junction on the highway, police said.",
        "In 2019, 40 people were killed when a bus overturned on the same road.",
    )
    assert c.severity in ("none", "info")


def test_a_trial_over_an_old_attack_stays_quiet() -> None:
    c = _news(
        "Court convicts five over 2017 market bombing",
        "A court on Thursday found five men guilty over the bombing of a market in 2017 that"
        " killed 40 people.",
        "The bomber blew himself up among shoppers on May 3, 2017, killing 40 people. He had"
        " arrived by bus that morning.",
    )
    assert c.severity in ("none", "info", "low")


def test_a_report_on_killings_months_ago_stays_quiet() -> None:
    c = _news(
        "Rights group accuses army of executing villagers in November",
        "Soldiers executed at least 60 villagers in the north of the country in November, a"
        " rights group said in a report published on Thursday.",
        '"These killings must be investigated," the group\'s director said.',
    )
    assert c.severity in ("none", "info", "low")


def test_a_later_official_figure_wins_over_a_leads_unofficial_one() -> None:
    c = _news(
        "Residents say 30 killed in village raid",
        "Residents said 30 people were killed when gunmen raided the village of Kibo on"
        " Thursday night.",
        "A police spokesman said 18 people had been killed and that officers were hunting the"
        " attackers.",
    )
    assert c.killed == 18
    assert c.killed_max == 30


def test_a_later_figure_said_to_update_the_toll_counts() -> None:
    c = _news(
        "Bomb kills 9 at bus station",
        "A bomb killed nine people at a bus station in Jos on Thursday, police said.",
        "Police later said 14 people had died after five of the wounded succumbed.",
    )
    assert c.killed == 14


def test_a_demonym_in_the_lead_does_not_split_the_headlines_incident() -> None:
    c = _news(
        "Air defence downs all 12 drones launched at Odesa",
        "Ukrainian air defence shot down all 12 drones launched at Odesa overnight, the"
        " regional governor said on Thursday. There were no casualties.",
    )
    assert c.sub_event_type == "Disrupted weapons use"


def test_a_diplomatic_protest_is_not_a_demonstration() -> None:
    c = _news(
        "Turkish forces set up new base in northern Iraq",
        "Turkish forces have established a new military base near the village of Sidakan,"
        " local officials said on Thursday.",
        "The foreign ministry summoned the Turkish ambassador to protest against the operations.",
    )
    assert c.sub_event_type == "Headquarters or base established"


def test_without_a_publication_time_the_datelines_day_dates_the_story() -> None:
    article = Article(
        id="t",
        title="Militants kill 5 soldiers in Mali",
        text="BAMAKO, March 14 (AFP) - Militants killed five soldiers near Gao on Thursday."
        "\n\nThe army retook the town on February 2, 2024 after a week of fighting.",
    )
    c = classify(article)
    assert c.sub_event_type == "Armed clash"
    assert c.killed == 5


def test_congo_alone_is_the_democratic_republic_and_the_dateline_is_not_the_place() -> None:
    c = _news(
        "Rebels kill 11 in eastern Congo",
        "KINSHASA, Congo (AP) — Rebels killed 11 villagers in an attack on the village of"
        " Mbau in eastern Congo, the army said Thursday.",
    )
    assert c.country == "Congo, The Democratic Republic of the"
    assert c.location is not None and "Mbau" in c.location


def test_a_demonym_is_not_a_province_and_an_attackers_nationality_is_not_the_country() -> None:
    c = _news(
        "Car bomb kills 9 in Somali capital",
        "MOGADISHU, March 14 (Reuters) - A car bomb killed nine people near a hotel in"
        " Mogadishu on Thursday, Somali police said.",
    )
    assert c.country == "Somalia"


def test_a_village_named_by_its_kind_is_the_place_rather_than_its_district() -> None:
    c = _news(
        "Gunmen kill 8 villagers",
        "Gunmen killed eight people on Thursday in the village of Kimbulu in Beni district,"
        " local officials said.",
    )
    assert c.location is not None and c.location.startswith("Kimbulu")


def test_a_name_placed_by_an_apposition_is_a_town() -> None:
    c = _news(
        "Raid kills 6",
        "Rebels killed six people in a raid on Kasindi, in North Kivu province, on Thursday.",
    )
    assert c.location is not None and c.location.startswith("Kasindi")


def test_a_sentence_naming_the_attacker_again_stays_in_the_incident() -> None:
    c = _news(
        "Suicide bomber kills 9 police recruits",
        "A suicide bomber blew himself up at the gate of a police school in Tank on Thursday,"
        " killing nine recruits, officials said.",
        "According to a police officer, the attacker detonated his vest as recruits lined up."
        " The bomber was also killed in the blast.",
    )
    assert c.killed == 10


def test_a_title_before_a_name_is_no_place() -> None:
    c = _news(
        "Police arrest 3 journalists in capital",
        "Federal police arrested three journalists in Addis Ababa on Thursday, said Regional"
        " Police Officer Tesfaye Bekele.",
    )
    assert c.country == "Ethiopia"


def test_a_country_before_a_kind_word_is_no_village() -> None:
    c = _news(
        "Gunmen kill 15 in Niger village",
        "Gunmen killed at least 15 villagers in the village of Banibangou in the Tillaberi"
        " region on Wednesday, officials said.",
    )
    assert c.country == "Niger"
    assert not (c.location or "").startswith("Niger")


def test_bodies_from_a_mass_grave_are_no_toll() -> None:
    c = _news(
        "Search teams find new mass grave",
        "Search teams on Thursday exhumed 14 bodies from a mass grave on a farm outside"
        " Sirte, the authority for missing persons said.",
    )
    assert c.sub_event_type == "Other"
    assert c.severity == "low"


def test_an_undated_story_with_a_dated_dateline_keeps_older_years_in_the_background() -> None:
    article = Article(
        id="t",
        title="Car bomb kills 8 at Mogadishu hotel",
        text="MOGADISHU, Nov. 23 (Xinhua) -- A suicide car bomb killed eight people at a hotel"
        " in Mogadishu on Thursday, police said."
        "\n\nThe army has been fighting the militants since August 2022, recapturing dozens of"
        " towns. A truck bomb in October 2022 killed at least 121 people.",
    )
    c = classify(article)
    assert c.sub_event_type == "Suicide bomb"
    assert c.killed == 8


def test_protesters_clashing_with_police_are_a_violent_demonstration() -> None:
    c = _news(
        "Protesters clash with police in Dhaka",
        "Hundreds of opposition protesters clashed with police in Dhaka on Thursday, officials"
        " said.",
    )
    assert c.sub_event_type == "Violent demonstration"


def test_riot_police_dispersing_a_march_is_no_riot() -> None:
    c = _news(
        "Police disperse protest in Belgrade",
        "Riot police used pepper spray to push back thousands of protesters marching on"
        " parliament in Belgrade on Thursday, and detained 12 people.",
    )
    assert c.sub_event_type == "Protest with intervention"


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebel group announced on Monday that it was withdrawing from the 2019 peace"
        " agreement and would keep its fighters in their bases.",
        "A faction of the militia announced on Tuesday that it was breaking away from its"
        " commander and would keep talking with the government.",
    ],
)
def test_a_group_splitting_or_walking_out_of_a_deal_is_a_change_to_the_group(
    sentence: str,
) -> None:
    c = _news("Armed group announces change", sentence)
    assert c.sub_event_type == "Change to group/activity"


def test_a_mustard_agent_attack_is_chemical() -> None:
    c = _news(
        "Militants fire mustard agent at town",
        "Militants fired rockets filled with a mustard agent at the town of Bashir on"
        " Thursday, killing a four-year-old boy, officials said.",
    )
    assert c.sub_event_type == "Chemical weapon"
    assert c.killed == 1


def test_a_base_still_in_the_hands_of_the_attackers_is_their_capture() -> None:
    c = _news(
        "Death toll in base attack rises to 26",
        "The death toll from the militants' assault on an army base in Zari district has"
        ' risen to 26, officials said on Thursday. "The base is still in the hands of the'
        ' Taliban," a council member said. An operation to retake the base would begin soon.',
    )
    assert c.sub_event_type == "Non-state actor overtakes territory"
    assert c.killed == 26


def test_captured_weapons_are_no_territory() -> None:
    c = _news(
        "Army seizes arms cache",
        "Soldiers captured weapons and ammunition from a rebel hideout near Beni on"
        " Thursday, the army said.",
    )
    assert c.sub_event_type != "Government regains territory"
    assert c.sub_event_type != "Non-state actor overtakes territory"


def test_according_to_is_no_accord() -> None:
    c = _news(
        "Police arrest 4 suspects",
        "Police arrested four suspects in Kano on Thursday, according to a police statement.",
    )
    assert c.sub_event_type == "Arrests"
