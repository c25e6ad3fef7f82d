"""Where the event happened, as full news copy words it (issue 3, session 2).

Every sentence was written for this file. The location is the most specific spot the report
names (a town, a village, a camp), with its admin area after a comma when one is named.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.classify import classify
from shared.models import Article

PUBLISHED = datetime(2025, 5, 8, 15, 0, tzinfo=UTC)

# (why, headline, body, country, the location's first name)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "a town placed in a region right after it",
        "Jihadists attack army camp in central Mali",
        "Jihadists stormed an army camp in Tarkint in northern Mali on Friday, killing nine"
        " soldiers, security sources said.",
        "Mali",
        "Tarkint",
    ),
    (
        "an adjective before 'town of'",
        "Gunmen kill seven in northwest Nigeria",
        "Gunmen killed seven people in the northern town of Gidan Dawa in Nigeria's Sokoto"
        " state on Monday, police said.",
        "Nigeria",
        "Gidan Dawa",
    ),
    (
        "a Nigerian local government area",
        "Bandits kill nine in Zamfara",
        "Bandits killed nine villagers in Bakura Local Government Area of Zamfara State on"
        " Sunday, residents said.",
        "Nigeria",
        "Bakura",
    ),
    (
        "an apposition naming a trading centre",
        "Rebels seize town in eastern Congo",
        "M23 rebels took control of Kibati, a trading centre in the Nyiragongo territory of"
        " North Kivu, on Friday after two days of fighting with the army.",
        "Congo",
        "Kibati",
    ),
    (
        "'the market of X, in Y'",
        "Drone strike on Darfur market kills 12",
        "A drone hit the main market of Tawila, in North Darfur, on Saturday, killing 12"
        " people, a rights group said.",
        "Sudan",
        "Tawila",
    ),
    (
        "'the market of X in Y state'",
        "Paramilitaries loot Sudan market",
        "Rapid Support Forces fighters looted the market of Um Rawaba in North Kordofan state"
        " on Tuesday and burned shops, residents said.",
        "Sudan",
        "Um Rawaba",
    ),
    (
        "a capitalised Township after a possessive region",
        "Junta air strike kills 20 in Myanmar village",
        "A junta jet bombed a village in Sagaing Region's Kanbalu Township on Saturday,"
        " killing at least 20 people, residents said.",
        "Myanmar",
        "Kanbalu",
    ),
    (
        "a town in a named area, after a headline naming the area",
        "Chlorine shell hits Eastern Ghouta town",
        "Government forces struck the town of Kafr Batna in Eastern Ghouta with a shell"
        " carrying chlorine on Sunday, killing a child, rescuers in Syria said.",
        "Syria",
        "Kafr Batna",
    ),
    (
        "a city spelled as Ukrainian outlets spell it",
        "Missile hits apartment block, killing five",
        "A Russian missile struck an apartment block in Zaporizhzhia on Monday, killing five"
        " people, the regional governor said.",
        "Ukraine",
        "Zaporizh",
    ),
    (
        "'X City, Province' (Philippine style)",
        "Soldiers clash with rebels in Negros",
        "Soldiers clashed with New People's Army rebels in Kabankalan City, Negros Occidental"
        " on Tuesday, killing two rebels, the army said.",
        "Philippines",
        "Kabankalan",
    ),
    (
        "an adjective with a hyphen is no province name",
        "Factions clash in southern Syria",
        "Two armed factions clashed in the Druze-majority province of Sweida on Sunday,"
        " killing four fighters, a war monitor in Syria said.",
        "Syria",
        "Sweida",
    ),
    (
        "a displacement site named by 'site of', then its territory",
        "Attack on displacement site in Ituri",
        "Armed men attacked the displacement site of Plaine Savo, Djugu territory, in Congo's"
        " Ituri province overnight, killing 11 people, local sources said.",
        "Congo",
        "Plaine Savo",
    ),
    (
        "a region before 'village' in the headline",
        "Junta jet bombs Magway village, killing 12",
        "A junta jet bombed a village in Magway Region's Gangaw Township on Sunday, killing"
        " 12 people, residents told local media in Myanmar.",
        "Myanmar",
        "Gangaw",
    ),
    (
        "a refugee camp named before its kind",
        "Israeli strike on Gaza camp kills 11",
        "An Israeli air strike hit a house in the Maghazi refugee camp in central Gaza on"
        " Tuesday, killing 11 people, the civil defence said.",
        "Palestine",
        "Maghazi",
    ),
]


def test_a_tehsil_of_a_district_keeps_the_district() -> None:
    c = classify(
        Article(
            id="t",
            title="Bomb kills three policemen in Pakistan's northwest",
            text="Three policemen were killed when a roadside bomb hit their van in the Salarzai"
            " tehsil of Bajaur district in Pakistan on Tuesday, police said.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "Pakistan"
    assert c.location is not None and "Bajaur" in c.location


def test_a_district_of_a_city_keeps_the_city() -> None:
    c = classify(
        Article(
            id="t",
            title="Suicide bomber kills six at Mogadishu restaurant",
            text="A suicide bomber struck a restaurant in the Hodan district of Mogadishu on"
            " Friday night, killing six people, police said.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "Somalia"
    assert c.location is not None and "Mogadishu" in c.location


def test_a_spokesmans_first_name_is_no_town() -> None:
    # "Jackson" is a town in the United States; after "spokesman" it is a person's name.
    c = classify(
        Article(
            id="t",
            title="Gunmen kill four in northeast Kenya",
            text="Suspected militants killed four people in an attack on a bus near Mandera on"
            " Tuesday. Police spokesman Jackson Kimani said four passengers had been killed.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "Kenya"
    assert c.location == "Mandera"


# Batch 2, written before running it.
CASES_2: list[tuple[str, str, str, str, str]] = [
    (
        "a Russian strike in a Ukrainian city",
        "Russian drones kill two in Kherson",
        "KYIV, Ukraine (AP) — A Russian drone attack on the southern city of Kherson killed two"
        " people on Wednesday, the regional governor said.",
        "Ukraine",
        "Kherson",
    ),
    (
        "'the southern Lebanese town of X'",
        "Israeli strike kills three in south Lebanon",
        "BEIRUT (Reuters) - An Israeli strike on a car in the southern Lebanese town of Nabatieh"
        " killed three Hezbollah members on Tuesday, security sources said.",
        "Lebanon",
        "Nabatieh",
    ),
    (
        "'the town of X in Ethiopia's Y region'",
        "Militia kills 12 civilians in Ethiopia",
        "ADDIS ABABA (AFP) - Militiamen killed 12 civilians in the town of Debre Markos in"
        " Ethiopia's Amhara region on Sunday, residents said.",
        "Ethiopia",
        "Debre Markos",
    ),
    (
        "Xinhua: a district of a named province",
        "5 soldiers killed in NW Pakistan clash",
        "ISLAMABAD, May 8 (Xinhua) -- Five soldiers were killed in a clash with terrorists in"
        " Pakistan's northwest North Waziristan district on Wednesday, the military said.",
        "Pakistan",
        "North Waziristan",
    ),
    (
        "an X-based group names no place",
        "Gunmen kill six in Zamfara",
        "A Kano-based rights group said gunmen killed six farmers in the village of Dansadau in"
        " Zamfara State on Monday.",
        "Nigeria",
        "Dansadau",
    ),
]


CASES_2 += [
    (
        "the place in the sentence that names the attacks again",
        "Death toll in Nigeria bombings rises to 21",
        "ABUJA, Nigeria (AP) — The death toll from two bombings in northeastern Nigeria rose to"
        " 21 on Sunday, emergency officials said.\n\nThe attacks on Saturday in Gwoza, a town in"
        " Borno state, targeted a market and a mosque.",
        "Nigeria",
        "Gwoza",
    ),
    (
        "a country's name is no district elsewhere (Mali, a prefecture of Guinea)",
        "Jihadists seize army camp in central Mali, 8 soldiers killed",
        "Bamako (AFP) - Jihadists seized an army camp in the central town of Dioura on Friday"
        " after hours of fighting, killing eight soldiers, the army said.",
        "Mali",
        "Dioura",
    ),
    (
        "'in X in the far north of the country'",
        "UN hands over camp to army",
        "Bamako (AFP) - The UN mission handed over its camp in Aguelhok in the far north of the"
        " country to the Malian army on Saturday.",
        "Mali",
        "Aguelhok",
    ),
    (
        "'X, the capital of Y'",
        "Warehouses looted in Sudan's Central Darfur",
        "Armed men looted food warehouses in Zalingei, the capital of Sudan's Central Darfur"
        " state, on Wednesday, the agency said.",
        "Sudan",
        "Zalingei",
    ),
]


CASES_2 += [
    (
        "'the people of X in the southern countryside of Y'",
        "Town buries its dead after market strike",
        "Idlib - The people of Kafr Nabl in the southern countryside of Idlib buried their"
        " dead on Wednesday, a day after warplanes bombed the town's market, killing 12, in"
        " Syria's northwest.",
        "Syria",
        "Kafr Nabl",
    ),
    (
        "the spot named in the next sentence after a province-only lead",
        "5 policemen killed in roadside bombing in NW Pakistan",
        "ISLAMABAD, March 17 (Xinhua) -- At least five policemen were killed when a roadside"
        " bomb hit a police vehicle in Pakistan's northwest Khyber Pakhtunkhwa province on"
        " Monday, police said.\n\nThe explosion occurred in Paharpur area of the province's"
        " Dera Ismail Khan district when the vehicle was on patrol.",
        "Pakistan",
        "Paharpur",
    ),
    (
        "'X, a town on the main road'",
        "Militants storm army base in Mali",
        "Militants stormed the army base in Hombori, a town on the main road between Gao and"
        " Mopti, on Friday, killing nine soldiers, Mali's army said.",
        "Mali",
        "Hombori",
    ),
    (
        "a country across the border is no vote for where it happened",
        "Soldiers killed in ambush near border",
        "At least nine soldiers were killed on Sunday when gunmen ambushed a patrol near"
        " Ayorou, close to the border with Mali, a security source said. The attackers fled"
        " into neighbouring Mali and Burkina Faso, the source added, and reinforcements were"
        " sent from the Mali border post at Ayorou.",
        "Niger",
        "Ayorou",
    ),
    (
        "a lead naming only the country, placed by the next sentence's town",
        "Bombers hit market in northeast Nigeria, killing 9",
        "Two bombers blew themselves up at a crowded market in northeastern Nigeria on"
        " Saturday, killing nine people, authorities said.\n\nThe women detonated explosives"
        " minutes apart near the fish section of the weekly market in Gajiram, a town about 80"
        " kilometres north of Maiduguri, a police spokesman said.",
        "Nigeria",
        "Gajiram",
    ),
    (
        "'X, a local government area near' names a spot",
        "Explosions hit market in Borno",
        "Two explosions hit the weekly market in Gajiram, a local government area near the state"
        " capital Maiduguri, on Saturday, killing seven people, police said.",
        "Nigeria",
        "Gajiram",
    ),
    (
        "where a minister spoke is not where it happened",
        "Minister confirms insurgent raid on army post",
        "The defence minister on Thursday confirmed that six soldiers were killed on Tuesday"
        " night when insurgents attacked an army post in Mocimboa da Praia district, in Cabo"
        " Delgado province. Speaking to reporters in Maputo, the minister said the troops had"
        " carried out a tactical repositioning.",
        "Mozambique",
        "Mocimboa",
    ),
    (
        "a Nigerian state named like a country",
        "Gunmen abduct 12 farmers",
        "Gunmen abducted 12 farmers near Bida, Niger State, on Sunday, the Niger State police"
        " command said.",
        "Nigeria",
        "Bida",
    ),
    (
        "the last word of 'del Sur' is no town of its own",
        "Two killed in grenade blast at market",
        "Two people were killed when a grenade exploded at a market in Isulan on Friday, police"
        " said. A similar blast hit Maguindanao del Sur, Sultan Kudarat del Sur and Lanao del"
        " Sur last year.",
        "Philippines",
        "Isulan",
    ),
    (
        "the first word of an Arabic name is no town of its own",
        "Troops kill militants in desert raid",
        "Iraqi troops killed five militants in a raid in the Wadi al-Tharthar area of Anbar"
        " province on Monday, the Joint Operations Command said.",
        "Iraq",
        "Anbar",
    ),
    (
        "a capital city over a province of the same name abroad",
        "Police fire tear gas at protesters in Santiago",
        "Police fired tear gas and water cannon at thousands of protesters in central Santiago"
        " on Thursday, Chile's interior ministry said.",
        "Chile",
        "Santiago",
    ),
    (
        "foreign forces are no vote for their country",
        "Turkish drones strike village in northern Iraq",
        "Turkish drones struck a village near Amadiya in Duhok province on Tuesday, killing"
        " two shepherds, a local official said. Turkish forces have fought PKK fighters in the"
        " area for years, and Turkish officials say the strikes target militants. Turkish"
        " troops hold several posts on the ridges.",
        "Iraq",
        "Amadiya",
    ),
]


def test_the_somali_capital_is_in_somalia() -> None:
    c = classify(
        Article(
            id="t",
            title="Car bomb kills five in Somali capital",
            text="A car bomb exploded near a checkpoint in the Somali capital on Friday, killing"
            " five people, police said.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "Somalia"
    assert c.killed == 5


def test_named_groups_are_actors() -> None:
    c = classify(
        Article(
            id="t",
            title="Rebels kill 20 in eastern Congo",
            text="Suspected ADF rebels killed 20 people in an overnight raid on a village in"
            " Congo's Beni territory, local officials said on Thursday.",
            published_at=PUBLISHED,
        )
    )
    assert "ADF" in c.actors
    assert c.killed == 20


def test_a_place_ending_a_longer_name_is_part_of_that_name() -> None:
    # "Centre" is a province of Burkina Faso; "Lake Chad" is no vote for Chad.
    c = classify(
        Article(
            id="t",
            title="Grenade attack near tourist centre in Srinagar",
            text="Militants hurled a grenade near the Tourist Reception Centre in Srinagar on"
            " Sunday, injuring 12 civilians, police in India said.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "India"
    assert c.location == "Srinagar"


def test_a_country_named_in_a_headline_is_not_five_small_towns() -> None:
    c = classify(
        Article(
            id="t",
            title="Drone strike kills two in south Lebanon",
            text="A drone strike on a motorcycle near the town of Bint Jbeil killed two men on"
            " Monday, the state news agency said.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "Lebanon"
    assert c.location is not None and c.location.startswith("Bint Jbeil")


def test_a_town_elsewhere_inside_a_longer_name_found_by_its_kind() -> None:
    # "Kani" is a town in Japan; here it starts the sub-district's name.
    c = classify(
        Article(
            id="t",
            title="Turkey sets up base in northern Iraq",
            text="Turkish forces set up a new military base near the sub-district of Kani Masi"
            " in northern Iraq on Thursday, residents said.",
            published_at=PUBLISHED,
        )
    )
    assert c.country == "Iraq"
    assert c.location is not None and c.location.startswith("Kani Masi")


@pytest.mark.parametrize(
    ("why", "title", "body", "country", "place"),
    [*CASES, *CASES_2],
    ids=[c[0] for c in [*CASES, *CASES_2]],
)
def test_news_places(why: str, title: str, body: str, country: str, place: str) -> None:
    c = classify(Article(id="t", title=title, text=body, published_at=PUBLISHED))
    assert c.country is not None and country in c.country, (why, c.country)
    assert c.location is not None and c.location.startswith(place), (why, c.location)
