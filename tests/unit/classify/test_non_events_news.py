"""News that is not a political-violence event stays quiet (severity none, info or low):
disasters and accidents with death tolls, crime, sport, diplomacy, trials, anniversaries,
drills, arms deals, culture. Every article here was written for these tests; events that share
their words still alert."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.classify import classify
from shared.models import Article

PUBLISHED = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
QUIET = ("none", "info", "low")

NON_EVENTS = [
    (
        "flood",
        "Floods kill 43 in eastern province as rivers burst their banks",
        (
            "At least 43 people have died and thousands have been displaced after days of "
            "torrential rain caused rivers to burst their banks in the eastern province, the "
            "disaster management agency said on Tuesday. Rescue teams were searching for 12 "
            "people still missing in three districts. The army deployed boats and helicopters to "
            "evacuate stranded villagers, and the government declared a state of emergency in the"
            " worst-hit areas."
        ),
    ),
    (
        "quake",
        "Earthquake toll rises to 212 as rescuers dig through rubble",
        (
            "The death toll from Saturday's magnitude 6.8 earthquake rose to 212 on Monday, the "
            "interior ministry said, as rescuers with sniffer dogs searched collapsed buildings "
            "in mountain villages. More than 1,500 people were injured. Soldiers were deployed to"
            " help clear roads blocked by landslides, and aid convoys reached the town of Amizmiz"
            " for the first time."
        ),
    ),
    (
        "bus",
        "Bus plunges into ravine, killing 27 pilgrims",
        (
            "At least 27 pilgrims were killed and 19 injured when their bus plunged into a ravine"
            " on a mountain road in the north early on Sunday, police said. The driver lost "
            "control on a sharp bend, a police official said. The injured were taken to the "
            "district hospital. Road accidents kill thousands of people in the country every "
            "year."
        ),
    ),
    (
        "boat",
        "Dozens feared dead after migrant boat capsizes off coast",
        (
            "At least 34 people drowned and dozens more were missing after an overcrowded boat "
            "carrying migrants capsized off the coast on Wednesday, the coast guard said. "
            "Rescuers pulled 41 survivors from the water. The boat had left a fishing town the "
            "previous night, a spokesman said."
        ),
    ),
    (
        "mine",
        "Gold mine collapse kills 18 artisanal miners",
        (
            "Eighteen artisanal miners were killed when a gold mine collapsed in the west of the "
            "country on Thursday, local officials said. Heavy rains had weakened the walls of the"
            " pit, a mining official said. Rescue efforts were continuing on Friday to reach "
            "about ten miners believed trapped."
        ),
    ),
    (
        "stampede",
        "Stampede at religious festival kills 11",
        (
            "Eleven people were killed and more than 30 injured in a stampede at a religious "
            "festival in the southern city on Saturday, police said. Panic broke out when a crowd"
            " of worshippers rushed towards the temple gates, witnesses said. The chief minister "
            "ordered an inquiry."
        ),
    ),
    (
        "crime",
        "Man kills wife and two children in domestic dispute, police say",
        (
            "A 41-year-old man shot dead his wife and two children at their home in the suburb of"
            " Westfield on Monday before turning the gun on himself, police said. Neighbours "
            "called police after hearing shots. Police said the family had a history of domestic "
            "disputes and that the killings were not linked to any group."
        ),
    ),
    (
        "robbery",
        "Armed robbers kill guard in bank heist",
        (
            "Armed robbers shot dead a security guard and escaped with cash during a raid on a "
            "bank in the city centre on Tuesday, police said. The gang of five arrived in two "
            "cars and fired at the bank's entrance before forcing staff to open the vault, a "
            "police spokesman said. Police have launched a manhunt."
        ),
    ),
    (
        "sport",
        "Lions battle to hard-fought victory in derby",
        (
            "The Lions fought back from two goals down to beat their city rivals 3-2 in a fierce "
            "derby on Saturday, with the captain scoring a late winner. The coach said his "
            "players had shown the spirit of warriors and had destroyed the opposition's defence "
            "in the second half. Fans set off flares in celebration."
        ),
    ),
    (
        "un",
        "Security Council divided over ceasefire resolution",
        (
            "The UN Security Council failed on Wednesday to agree on a resolution calling for a "
            "ceasefire in the war, as members remained divided over wording on air strikes and "
            "the protection of civilians. The draft condemned attacks on hospitals and called for"
            " humanitarian access. Diplomats said negotiations would continue next week."
        ),
    ),
    (
        "verdict",
        "Court sentences five over 2019 hotel attack",
        (
            "A court on Monday sentenced five men to life in prison for their role in a 2019 "
            "attack on a hotel in the capital that killed 21 people. The judge said the men had "
            "provided weapons and shelter to the gunmen. Defence lawyers said they would appeal."
        ),
    ),
    (
        "anniversary",
        "Survivors mark tenth anniversary of massacre",
        (
            "Hundreds of people gathered on Sunday to mark the tenth anniversary of the massacre "
            "in which gunmen killed 147 students at the university. Relatives laid wreaths at a "
            "memorial and read the names of the victims. The university's vice-chancellor said "
            "the attack still haunted the campus."
        ),
    ),
    (
        "exercise",
        "Army holds large-scale live-fire drills near border",
        (
            "The army on Tuesday began large-scale military exercises near the northern border, "
            "involving tanks, artillery and fighter jets firing live ammunition, the defence "
            "ministry said. The week-long drills are meant to test readiness, a spokesman said. "
            "Neighbouring states were informed in advance."
        ),
    ),
    (
        "arms",
        "Government signs deal to buy drones and air defence systems",
        (
            "The government signed a deal on Thursday to buy armed drones and air defence systems"
            " worth 1.2 billion dollars, the defence minister said. The drones will be used to "
            "strike militant hideouts and protect the border, he said. Deliveries are expected to"
            " begin next year."
        ),
    ),
    (
        "film",
        "Film on the civil war wins top festival prize",
        (
            "A film about a family torn apart by the civil war, in which more than 100,000 people"
            " were killed, won the top prize at the film festival on Saturday. The director said "
            "she wanted to tell the story of the massacres and bombings that her parents "
            "survived."
        ),
    ),
    (
        "heat",
        "Heatwave kills 60 as temperatures pass 48C",
        (
            "A heatwave has killed at least 60 people across the country in the past week, health"
            " officials said on Friday, as temperatures passed 48 degrees Celsius. Hospitals "
            "reported a surge of heatstroke cases. Authorities closed schools and urged people to"
            " stay indoors."
        ),
    ),
    (
        "fire",
        "Fire at market kills eight traders",
        (
            "A fire swept through a crowded market in the city on Wednesday night, killing eight "
            "traders and destroying hundreds of stalls, fire officials said. The blaze was caused"
            " by an electrical fault, a fire service spokesman said. Firefighters took four hours"
            " to put it out."
        ),
    ),
    (
        "opinion",
        "Analysis: Why the insurgency keeps spreading",
        (
            "The insurgency has spread from the north to the centre of the country over the past "
            "decade, killing thousands of civilians and displacing millions. Analysts say weak "
            "governance, poverty and abuses by security forces have helped the militants recruit."
            " Military offensives have retaken towns, but the fighters return when the troops "
            "leave."
        ),
    ),
    (
        "tanker",
        "Fuel tanker explosion: death toll rises to 52",
        (
            "The death toll from Saturday's fuel tanker explosion near the town of Northvale has"
            " risen to 52, the emergency agency said on Sunday. The tanker overturned and"
            " residents were scooping fuel when it caught fire and exploded."
        ),
    ),
    (
        "murder-suicide",
        "Man kills wife and son before turning gun on himself",
        (
            "A man shot dead his wife and their son at their home in Westfield on Sunday night"
            " before turning the gun on himself, police said. Neighbours said the couple had"
            " frequent domestic disputes."
        ),
    ),
    (
        "trial-details",
        "Court convicts three over 2021 church attack",
        (
            "A court on Monday convicted three men over the March 2021 attack on a church in"
            " Eastbrook in which gunmen killed 19 worshippers. The attackers shot the"
            " congregation and abducted four girls, survivors told the court during the trial."
            "\n\nThe judge acquitted a fourth man for lack of evidence."
        ),
    ),
    (
        "commemoration",
        "Families gather to remember hotel bombing victims",
        (
            "Hundreds of people gathered at the cathedral on Monday to remember the victims of"
            " the hotel bombings. The coordinated suicide bombings on two hotels killed 96"
            " people and wounded about 300. The bishop said the truth had still not been told."
        ),
    ),
    (
        "cricket",
        "Openers blitz bowlers as hosts crush tourists",
        (
            "The hosts launched a ferocious assault on the tourists' bowlers on Sunday, crushing"
            " them by eight wickets with more than ten overs to spare. The openers bombarded the"
            " boundary from the first ball and the visitors' attack was left shell-shocked. Their"
            " captain said his side had been ambushed by a batting line-up that went to war."
            " The series now moves to the capital for the final Test."
        ),
    ),
    (
        "boxing",
        "Champion destroys challenger in brutal knockout",
        (
            "The champion destroyed his challenger in the third round on Saturday night, firing"
            " a barrage of punches that left him bloodied and defenceless before the referee"
            " stopped the fight. It was a massacre, the challenger's trainer admitted. The"
            " champion, who retained his title for the fourth time, said he had come to kill"
            " the fight early and wanted a unification bout next."
        ),
    ),
    (
        "commemoration-headline",
        "City marks ten years since market bombing",
        (
            "Hundreds of residents gathered at the central market on Friday to remember the"
            " victims of the bombing. A car bomb tore through the crowded market, killing 63"
            " people and wounding more than 150. The mayor laid a wreath and a minute's silence"
            " was observed."
        ),
    ),
    (
        "wildfire-metaphors",
        "Forest fire toll rises to 9 as crews battle two fronts",
        (
            "The death toll from the forest fire in the southern hills rose to nine on Tuesday,"
            " the civil protection agency said, as crews battled two fronts in strong winds."
            ' "It is a war against the flames," the regional governor said. "It was like a'
            ' bombardment," a farmer said of the embers falling on his roof.'
        ),
    ),
    (
        "cholera-war-cause",
        "Cholera kills 22 in camps",
        (
            "At least 22 people have died of cholera in camps for displaced people in the past"
            " week, health officials said on Monday. Doctors blamed dirty water and the"
            " displacement caused by fighting. Aid groups handed out chlorine tablets and soap."
        ),
    ),
    (
        "plane-crash",
        "Military transport plane crashes on take-off, three crew killed",
        (
            "Three crew members were killed on Wednesday when an air force transport plane"
            " crashed shortly after take-off from the capital's airport, the defence ministry"
            ' said. "Any hostile action is ruled out," the ministry said. Witnesses said the'
            " aircraft banked sharply and hit a field near the runway."
        ),
    ),
    (
        "obituary",
        "Obituary: the colonel who led the river offensive",
        (
            "The retired colonel who commanded a brigade in the final offensive against the"
            " rebels died in hospital on Friday, aged 81, his family said. Rights groups accused"
            " his brigade of shelling villages during the campaign. He later wrote a memoir."
        ),
    ),
    (
        "graduation",
        "800 police recruits graduate, vow to crush the terrorists",
        (
            "A total of 800 police recruits graduated from the national academy on Thursday at"
            ' a ceremony attended by the interior minister. "You will crush the terrorists who'
            ' attack our villages," the minister told them.'
        ),
    ),
    (
        "drones-delivered",
        "Army takes delivery of new attack drones",
        (
            "The army took delivery of six attack drones at the air base on Tuesday, the"
            " defence ministry said. The minister said the drones would strike the enemy"
            " wherever he hides."
        ),
    ),
    (
        "yearly-rate",
        "Parliament debates lynching bill",
        (
            "Lawmakers on Tuesday debated a bill to make lynching a separate crime. Rights"
            " groups say hundreds of people are killed by mobs every year, and few of the"
            " killers are ever prosecuted."
        ),
    ),
    (
        "aid-story",
        "Refugees who fled massacres now face hunger in border camp",
        (
            "Refugees in the border camp now face hunger after the World Food Programme cut"
            " rations in half because of funding shortfalls, aid workers said. Many survived"
            " the killings in the provincial capital in 2022, when militias burned whole"
            " districts."
        ),
    ),
    (
        "volcano",
        "Eruption of Mount Lereng kills five, thousands flee",
        (
            "Five residents were killed and nine injured when the volcano erupted overnight,"
            " hurling hot rocks onto villages on its slopes, the disaster agency said on"
            ' Tuesday. "It was like a bombardment," a villager said. An ash column rose 6,000'
            " metres above the summit."
        ),
    ),
    (
        "food-poisoning",
        "Suspected food poisoning at wedding kills 9",
        (
            "Nine people, most of them children, have died after eating at a wedding feast in"
            " the town, the provincial health delegate said on Tuesday, in a suspected case of"
            " food poisoning. Police ruled out any deliberate act."
        ),
    ),
    (
        "lightning",
        "Lightning strikes school, killing 6 pupils",
        (
            "Lightning struck a primary school during a thunderstorm on Monday, killing six"
            " pupils and injuring 20 others, police said."
        ),
    ),
    (
        "accidental-discharge",
        "Officer killed as colleague's rifle goes off accidentally",
        (
            "A police constable was killed on Wednesday when a colleague's rifle went off"
            " accidentally while he was cleaning it at the station, the county police commander"
            " said. The officer has been disarmed and is helping with investigations."
        ),
    ),
    (
        "video-game",
        "Studio launches shooter set in the battle for the airport",
        (
            "A game studio on Thursday released a first-person shooter that puts players in the"
            " shoes of the soldiers who fought for the airport in the first days of the war."
            " Players defend the airfield against waves of assault troops, artillery and drones."
        ),
    ),
    (
        "court-hearing",
        "Court opens hearing on charges against former militia commander",
        (
            "Judges of the international criminal court on Monday began hearing the prosecution's"
            ' case against a former militia commander accused of murder in 2013. "Men were'
            ' executed in front of their families," a deputy prosecutor told the pre-trial'
            ' chamber. "We have waited twelve years," said a trader who lost two sons.'
        ),
    ),
    (
        "war-end-toll",
        "Mothers march on the 2,000th day of their protest for the disappeared",
        (
            "Hundreds of mothers of people who disappeared during the civil war marched"
            " peacefully through the town on Sunday, demanding to know the fate of their"
            " children. Police watched from a distance. A UN panel said as many as 30,000"
            " civilians may have been killed in the final months of the war."
        ),
    ),
    (
        "no-perpetrator",
        "Eleven killed at church in refugee settlement",
        (
            "Eleven people, six of them children, were killed and 27 others injured at a church"
            " in the refugee settlement on Sunday evening, police said. Some died on the spot,"
            " others on the way to hospital, the regional police spokesperson said."
        ),
    ),
    (
        "chlorine-leak",
        "Chlorine gas leak at chemical plant kills 12 workers",
        (
            "Twelve workers were killed and 40 taken to hospital after a chlorine gas leak at a"
            " chemical plant in the industrial zone on Monday night, the district collector said."
            " The fire service brought the leak under control after three hours."
        ),
    ),
    (
        "pipeline-blast",
        "Five killed as gas pipeline explodes near village",
        (
            "Five people were killed when a high-pressure gas pipeline exploded near a village on"
            " Saturday, officials said. Firefighters brought the fire under control after four"
            " hours, and the gas company ruled out sabotage."
        ),
    ),
    (
        "measles",
        "Measles outbreak kills 19 children in displacement camps",
        (
            "A measles outbreak has killed 19 children in displacement camps around the city,"
            " health officials said on Monday, where families who fled the fighting live in"
            " tents. Shelling had forced many of them from their villages last year."
        ),
    ),
    (
        "tiger-shot",
        "Police shoot dead escaped tiger in residential area",
        (
            "Police officers shot dead a Bengal tiger on Tuesday after it escaped from a private"
            " ranch and roamed a residential neighbourhood for two hours, the city's security"
            " department said. A man who tried to chase it away was scratched."
        ),
    ),
    (
        "inquiry-report",
        "Assembly inquiry calls 2019 raid an execution operation",
        (
            "A parliamentary inquiry commission on Tuesday approved its final report on a 2019"
            " police raid in the district, concluding that at least 9 of the 15 people killed that"
            " day were shot when they posed no threat. Families welcomed the report."
        ),
    ),
    (
        "quarterly-report",
        "UN: more than 900 killed in gang violence in three months",
        (
            "More than 900 people were killed in gang violence between January and March, most of"
            " them in the capital, the UN human rights office said in a quarterly report on"
            " Friday."
        ),
    ),
    (
        "film-screening-old-raid",
        "Forty years on, hostage-rescue film screened at the old airport",
        (
            "A restored print of a film about the 1985 hostage rescue was screened on Saturday"
            " at the old terminal where the hostages were held, the tourism board said. The raid"
            " on the night of July 3, 1985 freed more than 80 hostages. Two hostages and about 30"
            " soldiers were killed in the fighting."
        ),
    ),
    (
        "monitors-monthly-report",
        "Ceasefire monitors record 19 violations in May",
        (
            "The body that monitors the ceasefire said on Wednesday it had recorded 19 violations"
            " in May. In its monthly report, it said clashes between the army and rebel forces and"
            " an aerial bombardment had taken place. It said at least 38 people had been killed."
        ),
    ),
    (
        "plant-leak-toxic-gas",
        "Chlorine leak at chemical plant kills 14",
        (
            "Fourteen workers were killed when chlorine gas leaked from a storage tank at a"
            " chemical plant overnight, officials said. The state government announced"
            " compensation for the families of those killed by the toxic gas."
        ),
    ),
    (
        "capsized-context",
        "At least 30 dead as overloaded boat capsizes on the lake",
        (
            "At least 30 people died after an overloaded boat capsized on the lake on Thursday"
            " evening, provincial authorities said. Many passengers travel by boat because"
            " fighting between the army and rebels has cut the roads around the town."
        ),
    ),
]

EVENTS = [
    (
        "gunmen-at-church",
        "Gunmen kill eleven at church in refugee settlement",
        (
            "Gunmen opened fire on worshippers at a church in the refugee settlement on Sunday"
            " evening, killing eleven people, police said."
        ),
        "Attack",
    ),
    (
        "clashes-after-verdict",
        "Clashes in the capital after opposition leader sentenced",
        (
            "Young protesters clashed with police in several neighbourhoods of the capital on"
            " Thursday, throwing stones and burning tyres, hours after the opposition leader was"
            " sentenced to two years in prison. Police fired tear gas to disperse them."
        ),
        "Violent demonstration",
    ),
    (
        "stadium-grenade",
        "Grenade thrown at fans after derby wounds 14",
        (
            "A grenade was thrown into a crowd of fans outside the stadium on Sunday after the"
            " derby, which the home side won 2-1 with a late penalty, wounding 14 people, police"
            " said. The referee and both teams had already left the ground."
        ),
        "Grenade",
    ),
    (
        "bus-attack",
        "Gunmen attack bus, killing 12 passengers",
        (
            "Gunmen opened fire on a passenger bus on the highway near Northvale on Monday, "
            "killing 12 passengers, police said."
        ),
        "Attack",
    ),
    (
        "un-strike",
        "Air strike kills 15 at hospital as Security Council meets",
        (
            "An air strike hit a hospital in the town of Northvale on Monday, killing 15 people, "
            "as the UN Security Council debated a draft resolution on the war."
        ),
        "Air/drone strike",
    ),
    (
        "drone-day",
        "Drone strike hits port",
        (
            "A drone strike hit the port of Eastbrook on Wednesday, wounding four dock workers, "
            "officials said. Regular attacks have hit the port this year."
        ),
        "Air/drone strike",
    ),
    (
        "capture-film",
        "Rebels seize town",
        (
            "Rebels seized the town of Westfield on Friday after heavy fighting, the army said. A"
            " documentary crew filming in the area fled."
        ),
        "Non-state actor overtakes territory",
    ),
    (
        "robbers-militia",
        "Bandits kill 20 villagers in raid",
        (
            "Armed bandits killed 20 villagers in a raid on the village of Tsafe on Sunday, "
            "stealing cattle and burning houses, residents said."
        ),
        "Attack",
    ),
]


@pytest.mark.parametrize(
    ("title", "text"), [c[1:] for c in NON_EVENTS], ids=[c[0] for c in NON_EVENTS]
)
def test_news_that_reports_no_political_violence_stays_quiet(title: str, text: str) -> None:
    found = classify(Article(id="quiet", title=title, text=text, published_at=PUBLISHED))
    assert found.severity in QUIET, (found.sub_event_type, found.severity, found.reasons)


@pytest.mark.parametrize(
    ("title", "text", "sub"), [c[1:] for c in EVENTS], ids=[c[0] for c in EVENTS]
)
def test_events_that_share_those_words_still_alert(title: str, text: str, sub: str) -> None:
    found = classify(Article(id="loud", title=title, text=text, published_at=PUBLISHED))
    assert found.sub_event_type == sub
    assert found.severity not in QUIET
