"""Sub-event type rules from the codebook's definitions, one sentence of ours per rule.

Each case names the rule it checks. The sentences were written for this test (no corpus or
news text); they exercise the general cue or precedence rule, not one report.
"""

from __future__ import annotations

import pytest

from services.classify import classify
from shared.models import Article

TYPES: list[tuple[str, str, str | None]] = [
    (
        "arson on a public building with no one hurt is property destruction",
        "Unknown assailants set fire to the town hall and a health centre in the village"
        " overnight. No casualties were reported.",
        "Looting/property destruction",
    ),
    (
        "a town handed back under a deal is a non-violent transfer",
        "The rebels withdrew from the town on Tuesday and handed the town back to the army"
        " under a deal brokered by mediators, residents said.",
        "Non-violent transfer of territory",
    ),
    (
        "forces entering a town after the enemy withdrew, with no fighting",
        "Government forces entered the provincial capital on Sunday after the rebels"
        " withdrew across the river. No fighting took place in the city.",
        "Non-violent transfer of territory",
    ),
    (
        "a peace deal that ends the fighting is an agreement",
        "The government and the rebel faction signed a peace agreement in the regional capital"
        " on Monday. Under the agreement, fighters will assemble in camps, and the government"
        " will release detained members and end the fighting in the region, officials said.",
        "Agreement",
    ),
    (
        "a war against corruption is no battle",
        'Tens of thousands of students marched through the city on Saturday. "We are fighting'
        ' a war against corruption, and we will not retreat," one of the organisers said.',
        "Peaceful protest",
    ),
    (
        "a ministry's 'tactical repositioning' is a position lost",
        "The minister said the troops had responded with courage to a large group of"
        " terrorists who attacked the post from the sea, and had then carried out a tactical"
        " repositioning to protect civilians.",
        "Non-state actor overtakes territory",
    ),
    (
        "armed men who are now in the town hold it",
        'Insurgents attacked the district capital on Tuesday night. "The terrorists are'
        ' currently in Mocimboa," the governor said, adding that the army would soon return.',
        "Non-state actor overtakes territory",
    ),
    (
        "mortars fired inside hours of fighting belong to the battle",
        "Fourteen people were killed in fighting between the army and a rebel front on"
        " Tuesday, the army said. Troops were attacked with drones and mortars while on patrol."
        ' "The troops responded and the fighting went on for several hours," the commander'
        " said.",
        "Armed clash",
    ),
    (
        "sound grenades fired at protesters are crowd control",
        "Thousands of protesters marched on the city hall on Monday. Police fired tear gas and"
        " sound grenades to disperse them.",
        "Protest with intervention",
    ),
    (
        "a deal to disarm fighters is no defused device",
        "The government and the armed group signed a peace agreement on Monday under which the"
        " group will disarm its fighters and join the national army, the minister said.",
        "Agreement",
    ),
    (
        "arrests ahead of a banned rally",
        "Police arrested the party's deputy chairman and six officials at a hotel on Saturday,"
        " the police commander said, adding that they had planned an unlawful rally. The"
        " arrests came hours before the meeting, and the officials were arrested without"
        " resistance.",
        "Arrests",
    ),
    (
        "a 'strategic realignment' after a base was overrun",
        "Insurgents overran the army base in the town at dawn on Tuesday, residents said. The"
        " army spoke of a strategic realignment of forces.",
        "Non-state actor overtakes territory",
    ),
    (
        "soldiers taking over the state radio is a coup attempt",
        "A group of soldiers took over the state radio in the capital on Sunday and announced"
        " the removal of the president. Loyal forces regained control within hours.",
        "Other",
    ),
    (
        "chlorine mortar rounds are a chemical weapon",
        "Fighters fired mortar rounds filled with chlorine at army positions on Saturday; seven"
        " soldiers were treated for breathing problems.",
        "Chemical weapon",
    ),
    (
        "gangs taking a town overtake territory",
        "Gang members took control of the town of Mirebalais on Monday after overrunning its"
        " police station and freeing inmates from the jail, the deputy mayor said.",
        "Non-state actor overtakes territory",
    ),
    (
        "a foreign army's 'liberation' of a village is a capture",
        "Russia's defence ministry said its forces had 'liberated' the village of Novoselivka in"
        " Ukraine's Donetsk region after weeks of heavy assaults.",
        "Non-state actor overtakes territory",
    ),
    (
        "a human chain is a protest",
        "Hundreds of students formed a human chain outside the university on Monday to demand"
        " a swift trial in the case.",
        "Peaceful protest",
    ),
    (
        "a suicide vehicle-borne IED is a suicide bomb",
        "Militants launched a suicide vehicle-borne IED attack on the army camp at dawn; nine"
        " soldiers were killed.",
        "Suicide bomb",
    ),
    (
        "a choking agent dropped from drones is a chemical weapon",
        "Forces dropped grenades filled with chloropicrin from drones on trenches near the"
        " village; several soldiers were treated for poisoning.",
        "Chemical weapon",
    ),
    (
        "a place taken by a foreign state's forces is overtaken, not regained",
        "Russia's defence ministry said its forces had taken full control of the village of"
        " Novoselivka in Ukraine's Donetsk region after days of assaults.",
        "Non-state actor overtakes territory",
    ),
    (
        "a government's forces named by their demonym take a place at home",
        "Somali government forces captured the town of Jilib in Middle Juba region on Monday"
        " after heavy fighting with al-Shabaab, officials said.",
        "Government regains territory",
    ),
    (
        "a withdrawal after days of assaults is a place lost to force",
        "The army said it had withdrawn from the town of Kunduz after weeks of assaults by"
        " the Taliban, who took control of the town on Friday.",
        "Non-state actor overtakes territory",
    ),
    # Cue precision: words that only look like a cue.
    (
        "a Protestant church is no protest",
        "Gunmen killed five worshippers at a Protestant church in the north of the country on"
        " Sunday, a local official said.",
        "Attack",
    ),
    (
        "a police picket is a post, not a picket line",
        "Militants attacked a police picket near the highway on Monday; two policemen were"
        " wounded in the exchange of fire.",
        "Armed clash",
    ),
    (
        "the occupied West Bank is an adjective, not a capture",
        "Soldiers detained 14 Palestinians in overnight raids across the occupied West Bank,"
        " the army said.",
        "Arrests",
    ),
    (
        "people captured and detained are arrests, not a place taken",
        "About forty villagers were captured and detained by government troops in the hills"
        " on Friday.",
        "Arrests",
    ),
    # Protests: intervention, excessive force, violent demonstrators (codebook).
    (
        "police detaining protesters is an intervention",
        "Police detain students during a rally against tuition fees in the capital on Saturday.",
        "Protest with intervention",
    ),
    (
        "a suppressed march is an intervention",
        "Police suppressed a march of opposition supporters in the provincial capital; the"
        " marchers were protesting against the election results.",
        "Protest with intervention",
    ),
    (
        "police chasing demonstrators is an intervention",
        "Riot police chase demonstrators through the old town during protests over fuel prices.",
        "Protest with intervention",
    ),
    (
        "protesters blocking roads is their protest, not a police block",
        "Farmers blocked roads across the region on Monday to protest against the new seed law.",
        "Peaceful protest",
    ),
    (
        "violently dispersed with injuries is excessive force",
        "Several people were injured when security forces violently dispersed a protest by"
        " fishermen in the port city on Tuesday.",
        "Excessive force against protesters",
    ),
    (
        "tortured demonstrators is excessive force",
        "Police arrested 80 people at the rally for demonstrating and tortured 12 of them.",
        "Excessive force against protesters",
    ),
    (
        "a police officer beating a demonstrator is excessive force",
        "An officer hits a demonstrator with his baton during a protest against price rises"
        " outside parliament.",
        "Excessive force against protesters",
    ),
    (
        "live fire on largely peaceful protesters outweighs a day of clashes",
        "Police were accused of using live ammunition against largely peaceful protesters"
        " after a day of clashes left four people dead in the capital.",
        "Excessive force against protesters",
    ),
    (
        "stones thrown at police make the demonstration violent",
        "Demonstrators threw stones and other projectiles at police outside the ministry"
        " during a protest over unpaid wages.",
        "Violent demonstration",
    ),
    (
        "projectiles thrown at police are no shelling",
        "Twenty people were arrested at a demonstration in the city centre after projectiles"
        " were thrown at officers.",
        "Violent demonstration",
    ),
    (
        "protests that turned violent",
        "Protests against the fuel price rise turned violent in the capital on Friday.",
        "Violent demonstration",
    ),
    (
        "violent protests",
        "Violent protests broke out in three cities on Tuesday ahead of a general strike.",
        "Violent demonstration",
    ),
    (
        "non-violent protesters are not violent protests",
        "Thousands of non-violent protesters marched through the capital on Sunday.",
        "Peaceful protest",
    ),
    (
        "protesters pulling down walls",
        "Protesters pull down the concrete walls around the parliament during a demonstration"
        " on Friday.",
        "Violent demonstration",
    ),
    (
        "scuffles at a march",
        "Thousands of pensioners marched in the capital on Saturday. There were scuffles near"
        " the finance ministry.",
        "Violent demonstration",
    ),
    (
        "the police's barricade is no riot",
        "Police baton-charged teachers protesting outside the press club when some of them"
        " tried to cross the barricade.",
        "Protest with intervention",
    ),
    (
        "rioters' crude bombs are a riot, not an IED",
        "Rioters exploded crude bombs and blocked a road by burning tires in the market area"
        " during the opposition's blockade.",
        "Violent demonstration",
    ),
    # Disrupted weapons use: weapons found, seized, intercepted, destroyed or defused.
    (
        "a bomb found in the passive is disrupted, not an IED",
        "A bomb has been found outside the governor's residence and another device was"
        " intercepted at the post office.",
        "Disrupted weapons use",
    ),
    (
        "explosive devices found",
        "The road to the port is closed after three explosive devices were found under a bridge.",
        "Disrupted weapons use",
    ),
    (
        "pistols and cartridges seized",
        "Officers seized eleven pistols and 300 cartridges in a search of two houses on Monday.",
        "Disrupted weapons use",
    ),
    (
        "guns intercepted at a border post",
        "Customs officers intercepted 20 locally made shotgun guns at the border crossing.",
        "Disrupted weapons use",
    ),
    (
        "mines destroyed by the army",
        "Army engineers destroyed 120 mines and 40 roadside bombs during a sweep of the valley.",
        "Disrupted weapons use",
    ),
    (
        "men arrested with explosives",
        "Police arrested three men with explosives and detonators at a bus station on Friday.",
        "Disrupted weapons use",
    ),
    (
        "the bomb he was planting",
        "A militant was killed by a bomb he was planting beside the road to the market.",
        "Disrupted weapons use",
    ),
    (
        "devices accidentally activated",
        "Two fighters accidentally activated their explosive devices near the checkpoint.",
        "Disrupted weapons use",
    ),
    (
        "devices found, but one went off and killed: the explosion",
        "Nine explosive devices have been found around the town since June, and three people"
        " have died in an explosion there.",
        "Remote explosive/landmine/IED",
    ),
    # Headquarters or base established.
    (
        "construction of a new base completed",
        "An army battalion completed the construction of a new base near the river crossing.",
        "Headquarters or base established",
    ),
    (
        "its 9th observation point set up",
        "Turkish troops have set up their 9th observation point in the province.",
        "Headquarters or base established",
    ),
    (
        "a new militia camp was built",
        "A new militia camp was built near the village last week, residents said.",
        "Headquarters or base established",
    ),
    (
        "opened fire on a post is no base established",
        "Gunmen opened fire on a police post on the highway, wounding two officers.",
        "Armed clash",
    ),
    # Territory: forces driving a group out; transfers without fighting.
    (
        "clear towns of an armed group",
        "Troops clear Gamboru and Wulgo of Boko Haram on Monday; six fighters were reported dead.",
        "Government regains territory",
    ),
    (
        "dislodge a group from towns",
        "Soldiers dislodged the militants from two villages near the lake, killing several.",
        "Government regains territory",
    ),
    (
        "push militants out of areas",
        "Government forces pushed the insurgents out of several areas in the southern region"
        " after a joint operation.",
        "Government regains territory",
    ),
    (
        "a scare that drove people out is no recapture",
        "Five people were murdered by vigilantes in a witchcraft scare that has driven aid"
        " workers out of two districts.",
        "Mob violence",
    ),
    (
        "gained back control with no engagement",
        "The army gained back control of the village with no engagement with the militants"
        " who had held it.",
        "Non-violent transfer of territory",
    ),
    (
        "cleared an outpost, no fighting reported (a later sentence)",
        "The army cleared a rebel outpost near the river. No fighting was reported.",
        "Non-violent transfer of territory",
    ),
    (
        "entered without fighting",
        "The rebels withdrew from the town overnight and the army then entered it without"
        " fighting.",
        "Non-violent transfer of territory",
    ),
    (
        "withdrew and left it in the hands of",
        "All government troops have withdrawn from the base, leaving it in the hands of"
        " opposition fighters.",
        "Non-violent transfer of territory",
    ),
    (
        "a list of the outposts seized stays in the incident",
        "About 500 troops of one militia seized four outposts of another at night. No clashes"
        " reported. The outposts seized were Kho Lam and Nam Tit.",
        "Non-violent transfer of territory",
    ),
    # Rules from the blind tuning set's misses (news2), each with a sentence of ours.
    (
        "glide bombs dropped by aircraft are an air strike",
        "Aircraft dropped guided glide bombs on a factory district of the city on Tuesday,"
        " killing three workers.",
        "Air/drone strike",
    ),
    (
        "neither side gained ground: no capture",
        "Twenty fighters were killed in heavy fighting on the city's edge on Monday. Neither"
        " side gained ground.",
        "Armed clash",
    ),
    (
        "tear gas shells are no shelling",
        "Police fired tear gas shells and arrested dozens of party workers as they tried to"
        " march on the capital.",
        "Protest with intervention",
    ),
    (
        "several rounds of air strikes in the past are background",
        "The air force shot down a drone over the sea early on Monday, the military said."
        " Israel has responded with several rounds of air strikes on rebel targets in Yemen.",
        "Disrupted weapons use",
    ),
    (
        "an intention reported is no event",
        "The government and the rebel faction signed an agreement on Saturday. The commander"
        " said the group would also hand over 10 tonnes of explosives and help to remove"
        " landmines.",
        "Agreement",
    ),
    (
        "factions dissolving themselves to join a new force",
        "Several armed factions announced on Sunday that they had dissolved themselves and"
        " would join a new force; it would not take part in any fighting outside the province.",
        "Change to group/activity",
    ),
    (
        "had not attacked anyone: camps established",
        "Residents said armed men have established camps in the forest near their villages."
        " The group had not attacked anyone so far, they said.",
        "Headquarters or base established",
    ),
    (
        "looters setting fire to warehouses are no riot",
        "Paramilitaries looted the main market and set fire to several warehouses. Soldiers"
        " broke into shops and took food and phones. No one was killed.",
        "Looting/property destruction",
    ),
    (
        "bags of human remains found",
        "A collective of searching mothers found at least 20 bags containing human remains"
        " buried on a ranch outside the town.",
        "Other",
    ),
    (
        "taken control after two days of combat",
        "Rebels have taken control of the trading centre after two days of combat against"
        " local militias. The militias withdrew towards the hills.",
        "Non-state actor overtakes territory",
    ),
    (
        "civilians killed by troops are an attack (the victim pattern reads the passive)",
        "More than 30 civilians in two boats were killed by government troops on the river.",
        "Attack",
    ),
    (
        "soldiers named after 'and that' are not the victims",
        "The army said 20 civilians had been killed and that soldiers were deployed to the"
        " village after the massacre.",
        "Attack",
    ),
    # Coder notes headed with their category; mass graves; group changes; grievances.
    (
        "a note headed 'Non-violent activity' is Other even with shots fired",
        "Non-violent activity: Militia members fired shots in the air near the market to scare"
        " traders. There were no injuries.",
        "Other",
    ),
    (
        "a note headed 'Movement of forces'",
        "Movement of forces: The army has been moving troops and trucks into the district"
        " since the truce.",
        "Change to group/activity",
    ),
    (
        "a mass grave of people massacred long ago",
        "Officials said the mass graves hold the bodies of dozens of prisoners massacred by the"
        " militia outside the town.",
        "Other",
    ),
    (
        "a commander who defected with his fighters",
        "A senior commander of the militia has defected along with his fighters in the border"
        " town, the channel reported.",
        "Change to group/activity",
    ),
    (
        "a new unit formed",
        "The guards corps has formed a new drone unit with bases in the operational areas, its"
        " commander said.",
        "Change to group/activity",
    ),
    (
        "forces deployed ahead of expected demonstrations",
        "Police deployed forces to the old city in anticipation of more demonstrations after"
        " Friday prayers.",
        "Change to group/activity",
    ),
    (
        "protesters demanding the release of a detained student",
        "Students staged a protest rally on the campus demanding the release of a classmate"
        " detained under the security law.",
        "Peaceful protest",
    ),
    (
        "protesters decrying the arrests",
        "Protesters took to the streets in three towns to decry the arrests of opposition leaders.",
        "Peaceful protest",
    ),
    (
        "over 300 activists arrested is an arrest, not a grievance",
        "Shops and offices remained closed and over 300 activists have been arrested in the"
        " district.",
        "Arrests",
    ),
    # Armed clash: two armed sides (the codebook's battle), not violence against civilians.
    (
        "a group attacking an army camp",
        "The rebels attacked a border police camp near the river; there were 12 deaths.",
        "Armed clash",
    ),
    (
        "police attacking raiders",
        "Police attack cattle raiders in the hills",
        "Armed clash",
    ),
    (
        "troops targeting each other's positions",
        "Troops of the two countries targeted each other's positions along the border on"
        " Wednesday.",
        "Armed clash",
    ),
    (
        "rounds fired at a group's positions",
        "Army troops fired several rounds at rebel positions on Monday. No casualties reported.",
        "Armed clash",
    ),
    (
        "mortar rounds fired at positions stay shelling",
        "The army fired mortar rounds at rebel positions near the village on Monday.",
        "Shelling/artillery/missile attack",
    ),
    (
        "the army killed and wounded scores of terrorists",
        "The army killed and wounded scores of terrorists in the eastern districts of the city.",
        "Armed clash",
    ),
    # Aircraft as the attacker; attacks that aimed at a capture; reports before talk.
    (
        "raids by the army's choppers",
        "The insurgents in the northern hills sustained heavy losses in raids by the army's"
        " choppers.",
        "Air/drone strike",
    ),
    (
        "fired at a ridge using helicopters",
        "The military fired at the mountain range using two helicopters on Tuesday.",
        "Air/drone strike",
    ),
    (
        "missiles fired in an attack by jets",
        "At least two missiles were fired in the third attack by foreign jets on targets near"
        " the airport.",
        "Air/drone strike",
    ),
    (
        "an attack to capture positions that was fended off",
        "The militants' large-scale attack to capture the army's positions near the airbase"
        " was fended off by the troops.",
        "Armed clash",
    ),
    (
        "police regains control",
        "The police regains control of the territory after the attack on the port town.",
        "Government regains territory",
    ),
    (
        "arrests reported before the anniversary they precede",
        "Security forces have arrested dozens of people over suspected links to the rebels"
        " amid preparations to mark the anniversary of their leader's capture.",
        "Arrests",
    ),
    # Mob violence vs Attack: crowds and lynchings; vigilantes beside troops; civilians hurt.
    (
        "villagers clashing with sticks and rods",
        "A farmer was killed as villagers clashed using sticks and iron rods over a boundary"
        " dispute.",
        "Mob violence",
    ),
    (
        "suspected witches burned to death",
        "Five suspected witches burned to death in the hills on Sunday.",
        "Mob violence",
    ),
    (
        "a party's supporters assaulting a rival",
        "Supporters of a ruling party MP, led by the MP himself, assaulted and injured a"
        " student leader in the town market.",
        "Mob violence",
    ),
    (
        "vigilantes fighting beside the army are an armed attack",
        "The army (and local vigilantes) attacked the village on Monday; 30 people were killed.",
        "Attack",
    ),
    (
        "raiders attack a village",
        "Raiders attack village near the river",
        "Attack",
    ),
    (
        "youths attack journalists",
        "Youths attack journalists covering a peace meeting",
        "Attack",
    ),
    (
        "a doctor gunned down",
        "Unidentified armed men have gunned down a doctor in the northern province.",
        "Attack",
    ),
    (
        "police shot and wounded a man",
        "Police reservists shot and wounded a man outside a shop in the town on Monday.",
        "Attack",
    ),
    (
        "barracks handed over (a comma before the verb); the National Accord is no accord",
        "The barracks in the capital, previously the ministry's main base, has been formally"
        " handed over to the Government of National Accord's defence minister.",
        "Non-violent transfer of territory",
    ),
    # Weapons named inside a battle; people intercepted.
    (
        "RPGs used in an attack on a police post",
        "About 30 militants attacked a police post in the district on Monday evening. The"
        " attackers used small arms and RPGs during the gun battle. Four officers were killed.",
        "Armed clash",
    ),
    (
        "a car bomb at a base stays an explosion",
        "Assailants detonated an explosives-laden vehicle at a military base, then opened fire"
        " on the guards; 20 soldiers were killed.",
        "Remote explosive/landmine/IED",
    ),
    (
        "suspected members intercepted are arrests",
        "Security services have intercepted 12 suspected members of an armed group planning"
        " attacks on the capital.",
        "Arrests",
    ),
    (
        "the police's answer in the next sentence belongs to the protest",
        "Hundreds of students held a protest in front of the governor's office against the new"
        " labour law. The police intervened and arrested seven of them.",
        "Protest with intervention",
    ),
    (
        "a coup that detained the president is a coup, not arrests",
        "The army seized power in a coup on Wednesday, detaining the president and suspending"
        " the constitution.",
        "Other",
    ),
    (
        "a 'putschist' general is no coup",
        "The two sides exchanged 20 prisoners under a ceasefire agreement with the forces of"
        " the putschist general.",
        "Agreement",
    ),
    (
        "supporters who gathered and were dispersed",
        "Police fired tear gas to disperse hundreds of opposition supporters who gathered"
        " outside the electoral commission.",
        "Protest with intervention",
    ),
    (
        "rebels moved in without a fight",
        "Government troops withdrew from the district headquarters and the rebels moved in"
        " without a fight, residents said.",
        "Non-violent transfer of territory",
    ),
    (
        "a district centre overrun after the troops retreated is still a capture",
        "Insurgents overran a district centre in the north on Sunday after government forces"
        " retreated, officials said.",
        "Non-state actor overtakes territory",
    ),
    (
        "rioters who clashed with police",
        "Rioters looted shops and clashed with police in the capital after the election"
        " result was announced.",
        "Violent demonstration",
    ),
    (
        "a peace deal ending months of fighting",
        "The rival factions signed a peace deal in the capital, ending months of fighting,"
        " mediators said.",
        "Agreement",
    ),
    (
        "a school and offices torched with no one hurt",
        "Militants torched a school and several government offices in the district overnight;"
        " no casualties were reported.",
        "Looting/property destruction",
    ),
    (
        "peacekeepers handing over their base",
        "Peacekeepers handed over their base in the town to the national army on Monday as part"
        " of their withdrawal.",
        "Non-violent transfer of territory",
    ),
    (
        "arrests over last week's bombing are arrests",
        "Police arrested 12 suspects on Tuesday in connection with last week's bombing of a"
        " market that killed 30 people, a spokesman said.",
        "Arrests",
    ),
    (
        "'stormed' is no storm (no disaster veto on a capture)",
        "Hundreds of militants stormed the town, seizing the police station and the governor's"
        " office, residents said.",
        "Non-state actor overtakes territory",
    ),
    (
        "villagers who fled due to fighting: displacement (Other)",
        "Since March, 2,000 villagers from four villages in the township have fled due to"
        " fighting between the army and the rebels.",
        "Other",
    ),
    (
        "police seizing explosives took no place",
        "Police seize explosives at checkpoint",
        "Disrupted weapons use",
    ),
    (
        "troops seizing livestock took no place",
        "The army killed 14 herders and seized livestock on the road to the market town.",
        "Attack",
    ),
    (
        "a militia integrated into the army",
        "A local militia of some 500 fighters has been integrated into the national army,"
        " officials said.",
        "Change to group/activity",
    ),
    (
        "forces that recovered an industrial zone",
        "Army sources reported that they have recovered the industrial zone and continue to"
        " clash with the militants in their other positions.",
        "Government regains territory",
    ),
    (
        "bodies recovered from a base are no recapture",
        "Rescuers recovered 12 bodies from the base after the attack, the army said. Militants"
        " had overrun the base on Sunday.",
        "Non-state actor overtakes territory",
    ),
    (
        "the army has taken most of a village",
        "The army is reported to have taken most of the coastal village after heavy fighting.",
        "Government regains territory",
    ),
    (
        "a protest a week earlier is background to arrests",
        "Police arrested 61 foreign workers and took them to a detention centre, following a"
        " protest by local people a week earlier.",
        "Arrests",
    ),
    (
        "arrested on charges of organising a protest",
        "Authorities arrested a pro-democracy activist on charges of organising an illegal"
        " protest last month.",
        "Arrests",
    ),
    (
        "armed men attacking workers who were protesting",
        "About 20 men armed with knives attacked workers who were protesting at the factory"
        " gate; 15 workers were injured.",
        "Excessive force against protesters",
    ),
    (
        "an army attacking a named group's base",
        "The army attacked a Boko Haram (JAS) base on the island and reportedly killed an"
        " unknown number of fighters.",
        "Armed clash",
    ),
    (
        "one group attacking another's splinter faction",
        "The MNLA attacked the DKBA splinter group near the pass and detained some of its troops.",
        "Armed clash",
    ),
    (
        "an abducted official found dead is an attack",
        "A village administrator who was abducted by armed men on Monday was found dead with"
        " stab wounds by the river on Wednesday.",
        "Attack",
    ),
    (
        "a businessman shot and abducted is an attack",
        "A businessman was shot and abducted by hooded men in a hotel room in the town.",
        "Attack",
    ),
    (
        "a plain abduction stays an abduction",
        "Gunmen abducted a businessman from his hotel room in the town on Monday.",
        "Abduction/forced disappearance",
    ),
    (
        "firecrackers fired at riot police",
        "Supporters of two parties fire firecrackers at riot policemen during anti-government"
        " protests in the capital.",
        "Violent demonstration",
    ),
    (
        "a faction's split; 'in March to suspend' is no march; 'have since' is context",
        "A faction of the armed group announced on Tuesday that it was breaking away from its"
        " command. The split follows the president's decision in March to suspend the"
        " ceasefire. The group's other fronts have since intensified their attacks on the"
        " security forces.",
        "Change to group/activity",
    ),
]


def test_a_report_that_ends_on_a_claim_is_not_a_claim() -> None:
    """The lead's capture stays the headline when its sentence ends on the rebels' claim."""
    c = classify(
        Article(
            id="t",
            title="Nine soldiers killed as militants overrun army camp",
            text="BAMAKO, March 15 (Reuters) - Nine soldiers were killed when militants attacked"
            " and overran an army camp in the town of Dioura on Friday, the army said, while an"
            " armed group claimed it had killed dozens and seized the base.\n\nThe group said"
            " in a message that its fighters had killed 40 soldiers and taken weapons.",
        )
    )
    assert c.sub_event_type == "Non-state actor overtakes territory"
    assert c.killed == 9


NON_EVENTS: list[tuple[str, str]] = [
    (
        "a match report's fighting words",
        "The Lions captured first place in their World Cup qualifying group after a 3-1 win at"
        ' the national stadium. The goalkeeper had no chance on the first goal. "We fought'
        ' like warriors tonight," the coach said. The tournament final is in July.',
    ),
    (
        "a cyclone story's feared dead elsewhere",
        "The death toll from the cyclone that hit the northern provinces has risen to 30,"
        " officials said on Tuesday. Before reaching the coast, the storm devastated an island"
        " where the government fears hundreds of people may have died.",
    ),
    (
        "suicide bombers suspected to be behind blasts (who did it, not news of it)",
        "Foreign suicide bombers are suspected to be behind the twin blasts that hit a church"
        " last Sunday, the interior minister said on Friday.",
    ),
    (
        "an appeal for restraint after clashes",
        "The UN envoy called on all parties to exercise restraint after a week of clashes in"
        " the region.",
    ),
    (
        "'rapeseed' and 'bombshell' are no cues",
        "Rapeseed prices jumped after a bombshell report on the harvest was published on Monday.",
    ),
    (
        "an oil market story that names attacks on tankers",
        "Oil prices rose 3% on Monday after drone attacks on tankers in the Red Sea last week"
        " raised worries about supply, traders said. Brent crude futures climbed to $84 a barrel.",
    ),
    (
        "talks paused by fighting",
        "Negotiators for the government and the rebels will resume talks next week, mediators"
        " said, after a pause caused by fighting in the east.",
    ),
    (
        "a mine collapse",
        "At least 20 miners were killed when a gold mine collapsed in the east of the country,"
        " local officials said.",
    ),
    (
        "a call for a halt to the fighting",
        "The Security Council on Thursday demanded an end to the siege of the city and called"
        " for an immediate halt to the fighting.",
    ),
]


NON_EVENTS += [
    (
        "a bus in a ravine, words between the bus and its fall",
        "A bus carrying 45 pilgrims plunged into a gorge in the mountains on Sunday, killing"
        " 19 people, police said. The driver is believed to have lost control on a bend.",
    ),
    (
        "a fire that broke out in a building",
        "A fire that broke out in a kitchen and swept through a five-storey hostel killed 31"
        " people overnight, the fire service said.",
    ),
    (
        "strategic exercises with artillery",
        "Troops of the two allies began joint northern strategic exercises on Monday, firing"
        " artillery and launching drones at training grounds near the border.",
    ),
    (
        "a man who stabbed his partner",
        "Police arrested a 38-year-old man on Monday on suspicion of stabbing his partner to"
        " death at their flat after an argument, prosecutors said.",
    ),
]


@pytest.mark.parametrize(("why", "text"), NON_EVENTS, ids=[c[0] for c in NON_EVENTS])
def test_non_events_stay_quiet(why: str, text: str) -> None:
    c = classify(Article(id="t", text=text))
    assert c.severity in ("none", "info", "low"), why


@pytest.mark.parametrize(("why", "text", "sub"), TYPES, ids=[c[0] for c in TYPES])
def test_sub_event_type_rules(why: str, text: str, sub: str | None) -> None:
    c = classify(Article(id="t", text=text))
    assert c.sub_event_type == sub, why
