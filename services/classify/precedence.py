"""From weighed cue families to one ACLED sub-event type, following the codebook's precedence.

Each rule returns the type and a rule name, so the reason an analyst sees names the rule:
- a chemical agent makes a Chemical weapon event whatever else happened;
- territory changing hands through armed interaction is a Battle (who took it decides which
  Battle); without it, a Non-violent transfer of territory;
- a suicide car bomb is a Suicide bomb, not a car bomb;
- an intercepted or defused device is Disrupted weapons use;
- remote violence inside an ongoing battle is an Armed clash;
- an abduction in which the victim is killed is an Attack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.classify.taxonomy import Cue

VIOLENT = ("air", "shelling", "ied", "suicide", "grenade", "clash", "chemical")
REMOTE = {
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
}
STRONG = frozenset(
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
        "nonviolent",
        "handover",
        "crowd_clash",
        "protest",
        "intervention",
        "excessive",
        "protest_attacked",
        "violent_demo",
        "mob",
        "agreement",
        "arrests",
        "change_group",
        "disrupted",
        "hq",
        "looting",
        "other",
        "coup",
        "grave",
        "note_header",
        "armed_victim",
        "civ_victim",
    ]
)


# A coder's note headed with its category: the label's sub-event type.
NOTE_HEADERS = {
    "arrests": "Arrests",
    "movement of forces": "Change to group/activity",
    "recruitment": "Change to group/activity",
    "security measures": "Change to group/activity",
    "non-violent activity": "Other",
    "defusal": "Disrupted weapons use",
    "property destruction": "Looting/property destruction",
    "looting": "Looting/property destruction",
    "agreement": "Agreement",
    "headquarters or base established": "Headquarters or base established",
    "change to group/activity": "Change to group/activity",
    "disrupted weapons use": "Disrupted weapons use",
    "non-violent transfer of territory": "Non-violent transfer of territory",
}


_FORCED = re.compile(r"overr|storm", re.I)


@dataclass
class Evidence:
    """Cue weights and facts gathered over one incident's sentences."""

    scores: dict[str, float] = field(default_factory=dict)
    first: dict[str, Cue] = field(default_factory=dict)
    remote_in_battle: Cue | None = None
    capture_side: str | None = None  # "state" | "non_state" | None
    killed: int = 0
    toll_evidence: str = ""
    # The article's headline or lead reports a natural disaster.
    disaster_story: bool = False
    # Every death of the incident is told beside a disaster word and no weapon.
    disaster_toll: bool = False
    # The headline or lead reports a crime no armed group is party to (a robbery, a domestic
    # dispute, killings "not linked to any group").
    crime_story: bool = False

    def add(self, cue: Cue) -> None:
        self.scores[cue.family] = self.scores.get(cue.family, 0.0) + cue.weight
        best = self.first.get(cue.family)
        if best is None or cue.weight > best.weight:
            self.first[cue.family] = cue

    def s(self, family: str) -> float:
        return self.scores.get(family, 0.0)


@dataclass(frozen=True)
class Decision:
    sub_event_type: str | None
    rule: str
    evidence: str


def decide(ev: Evidence) -> Decision:
    """The sub-event type the evidence supports, or None for a non-event."""

    def d(sub: str | None, rule: str, family: str) -> Decision:
        cue = ev.first.get(family)
        return Decision(sub, rule, cue.text if cue else "")

    s = ev.s
    violence = sum(s(f) for f in VIOLENT) + (s("attack") if s("attack") >= 3 else 0)
    if s("chemical") >= 3 and not (ev.disaster_story and s("disaster") >= 3):
        # (Not the "toxic gas" of a chemical plant's leak: an industrial disaster.)
        return d("Chemical weapon", "chemical_agent", "chemical")
    if (header := ev.first.get("note_header")) is not None:
        label = " ".join(header.text.rstrip(":").lower().split())
        if label in NOTE_HEADERS:
            return Decision(NOTE_HEADERS[label], "coder_note_header", header.text)
    if s("grave") >= 3 and ev.killed == 0:
        # "Mass graves contain the bodies of soldiers massacred by ISIL": the find is the news
        # (ACLED: Other), the killings are long past.
        return d("Other", "mass_grave", "grave")
    # Natural disasters, sport and diplomacy with no violence are not events.
    if (violence == 0 and ev.killed == 0) or violence < 2:
        for family in ("disaster", "sport"):
            if s(family) >= 3 and s(family) > max(s("protest"), s("arrests"), s("clash")):
                return d(None, f"non_event:{family}", family)
    if (
        ev.killed == 0
        and s("market") >= 3
        and s("market") >= violence
        and s("market") > max(s("protest"), s("arrests"), s("intervention"), s("clash"))
    ):
        return d(None, "non_event:market", "market")
    if (
        ev.killed == 0
        and s("sport") >= 6
        and s("sport") > max(2 * violence, s("protest"), s("arrests"))
    ):
        # A match report: "We fought like warriors", "the battle is not over" are sport talk.
        return d(None, "non_event:sport", "sport")
    weapons = sum(
        s(f)
        for f in ("air", "shelling", "ied", "suicide", "grenade", "chemical", "sexual", "abduction")
    )
    crime = s("crime") if not ev.crime_story else max(s("crime"), 3.0)
    if weapons == 0 and crime >= 3 and crime > max(s("protest"), s("clash")):
        # "Armed robbers shot dead a guard in a bank heist", "killings not linked to any
        # group": crime, which ACLED does not code as political violence.
        return d(None, "non_event:crime", "crime")
    if ev.killed == 0:
        for family in ("drill", "arms_deal", "culture", "trial"):
            # Live-fire drills with fighter jets, a deal to buy drones, a film about a war's
            # massacres, a hearing on old killings: no one was killed, so weapons and wars
            # are their subject.
            if (
                family == "trial"
                and max(violence, s("protest"), s("violent_demo"), s("crowd_clash"), s("mob")) >= 3
            ):
                continue  # "protesters clashed with police after the leader was sentenced"
            if s(family) >= 3 and (family in ("culture", "trial") or s("attack") < 2):
                return d(None, f"non_event:{family}", family)
    if s("stats") >= 3 and 2 * s("stats") >= violence:
        # "More than 1,500 people were killed in gang violence between January and March,
        # the UN said in a quarterly report": a period's total, not one incident (with or
        # without a toll, so the quiet families above need not list it).
        return d(None, "non_event:stats", "stats")
    if (
        ev.disaster_story
        and s("disaster") > s("protest") + s("looting")
        and (
            (
                ev.disaster_toll
                and not any((c := ev.first.get(f)) is not None and c.weight >= 3 for f in REMOTE)
            )
            or (
                s("disaster") >= 5
                and s("disaster") >= violence
                and not any((c := ev.first.get(f)) is not None and c.weight >= 3 for f in VIOLENT)
                and s("attack") < 3
            )
        )
    ):
        # "Wildfire: toll rises to 14 as brigades battle three fronts": a disaster's dead
        # and its metaphors, with no weapon and no attack in the report.
        return d(None, "non_event:disaster", "disaster")
    if ev.disaster_story and ev.killed > 0 and violence == 0 and s("attack") < 2:
        # A cyclone story's "hundreds of people may have died" elsewhere: the disaster's dead.
        return d(None, "non_event:disaster", "disaster")
    if s("coup") >= 3 and ev.killed == 0 and violence < 3 and s("protest") < 3:
        # "Soldiers took over the state radio and announced the president's removal; loyal
        # forces regained control within hours": the coup attempt is the event (ACLED: Other),
        # not the territory its words name.
        return d("Other", "coup", "coup")
    territory = s("capture") >= 3 or s("recapture") >= 3
    if territory:
        # "overran", "stormed": a taking by force whatever else the report says.
        forced = (cue := ev.first.get("capture")) is not None and bool(_FORCED.match(cue.text))
        armed = violence > 0 or ev.killed > 0 or s("attack") >= 2 or forced
        # "No fighting was reported" outweighs the taking verb, whoever took the place.
        # ... unless the same report names clashes ("took control following clashes").
        if (s("nonviolent") >= 3 and s("clash") < 3) or (not armed and s("nonviolent") >= 2):
            return d(
                "Non-violent transfer of territory", "territory_without_fighting", "nonviolent"
            )
    if s("nonviolent") >= 3 and s("clash") < 3 and max(s("recapture"), s("entered")) >= 2:
        # "cleared an outpost; no fighting was reported", "gained back control ... with no
        # engagement", "entered without fighting": a place changed hands with no armed
        # interaction (ACLED's Non-violent transfer of territory, whoever took it).
        return d(
            "Non-violent transfer of territory", "territory_entered_without_fighting", "nonviolent"
        )
    if s("handover") >= 3 and violence < 2 and ev.killed == 0 and s("clash") < 3:
        # "The UN mission handed over its camp to the army": territory changed hands by
        # agreement; ACLED's Non-violent transfer whoever took it.
        return d("Non-violent transfer of territory", "territory_handed_over", "handover")
    if s("recapture") >= 3 and ev.capture_side != "non_state":
        return d("Government regains territory", "territory_regained", "recapture")
    if s("capture") >= 3:
        if ev.capture_side == "state":
            return d("Government regains territory", "territory_taken_by_state", "capture")
        return d("Non-state actor overtakes territory", "territory_taken_by_non_state", "capture")
    if s("recapture") >= 3:
        return d(
            "Non-state actor overtakes territory", "territory_retaken_by_non_state", "recapture"
        )
    if s("suicide") >= 3:
        return d("Suicide bomb", "suicide_attack", "suicide")
    # A device that blew up while being planted or handled is disrupted even if it killed
    # its handler; otherwise a device that killed someone was not disrupted.
    premature = (cue := ev.first.get("disrupted")) is not None and cue.weight >= 4
    if premature or (s("disrupted") >= 3 and ev.killed == 0):
        return d("Disrupted weapons use", "device_intercepted_or_defused", "disrupted")
    remote = max(REMOTE, key=lambda f: (s(f), f == "air"))
    # A crowd's crude bombs, fireworks or "projectiles" (weak remote cues) are the crowd's
    # weapons: ACLED codes rioters' explosives as a riot, and a strong cue (an air strike,
    # shelling, an IED, a grenade) still wins.
    crowd = s("protest") >= 3 or s("violent_demo") >= 3 or s("mob") >= 3
    if s(remote) >= 2 and not (crowd and s(remote) < 3 and s("clash") < 3):
        if ev.remote_in_battle is not None and s("clash") >= s(remote):
            return Decision("Armed clash", "remote_violence_in_battle", ev.remote_in_battle.text)
        if s("clash") >= 6 and s("clash") >= 2 * s(remote) and s(remote) <= 3:
            # "Fourteen dead in fighting ... troops attacked with drones and mortars ... the
            # fighting went on for hours": the mortars are the battle's (ACLED: a Battle).
            return d("Armed clash", "remote_violence_in_battle", "clash")
        weak = (cue := ev.first.get(remote)) is not None and cue.weight < 3
        if weak and (s("clash") >= 3 or (s("clash") >= 2 and s("armed_victim") >= 2)):
            # "Fighters attacked the police post ... The attackers used small arms and RPGs":
            # a weapon named inside a battle (no strong remote cue) is the battle's.
            return d("Armed clash", "weapon_used_in_battle", "clash")
        return d(REMOTE[remote], f"remote:{remote}", remote)
    if s("sexual") >= 3:
        return d("Sexual violence", "sexual_violence", "sexual")
    if s("protest_attacked") >= 3 and s("clash") < 3:
        return d("Excessive force against protesters", "protesters_attacked", "protest_attacked")
    # A march the police broke up is a protest even when only "march" names it.
    protest = s("protest") >= 3 or (s("protest") >= 2 and s("intervention") >= 3)
    if (
        s("arrests") >= 6
        and s("arrests") > 2 * s("protest")
        and s("intervention") < 3
        and violence == 0
        and ev.killed == 0
    ):
        # "Police arrested the party's leaders ahead of a banned rally": the arrests are
        # the news, the rally what they prevented.
        return d("Arrests", "arrests", "arrests")
    # "Clashes in Dakar ... Young protesters clashed with police": the clashes are the
    # crowd's when the report says so at least as often as it names clashes at all.
    if protest and (s("clash") < 3 or s("crowd_clash") >= s("clash")):
        if s("peaceful") > 0 and (s("excessive") >= 3 or ev.killed > 0):
            # "Police used live ammunition against largely peaceful protesters": the codebook's
            # excessive force, even where the day also saw clashes.
            return d(
                "Excessive force against protesters", "peaceful_protesters_harmed", "excessive"
            )
        if s("crowd_clash") >= 3:
            return d("Violent demonstration", "demonstrators_clashed", "crowd_clash")
        if s("excessive") >= 3 or ev.killed > 0:
            return d("Excessive force against protesters", "protesters_killed_or_shot", "protest")
        if s("violent_demo") >= 2 or s("looting") >= 2 or s("mob") >= 3:
            # Protesters burning cars or shops, or beating people: a violent demonstration.
            family = next(f for f in ("violent_demo", "looting", "mob") if s(f) >= 2)
            return d("Violent demonstration", "demonstrators_violent", family)
        if s("intervention") >= 2 or s("arrests") >= 3:
            return d("Protest with intervention", "protest_dispersed_or_arrests", "intervention")
        return d("Peaceful protest", "protest", "protest")
    # "The military (and local vigilantes) attacked the village": vigilantes fighting beside
    # state forces are part of an armed attack, not a mob.
    mob = ev.first.get("mob")
    beside_forces = (
        mob is not None and s("military") > 0 and mob.text.lower().startswith("vigilant")
    )
    if s("mob") >= 3 and not beside_forces:
        return d("Mob violence", "mob", "mob")
    # A riot needs one riot cue; "broke into shops" and "set fire to" alone (looters,
    # soldiers) are not one.
    riot = (cue := ev.first.get("violent_demo")) is not None and cue.weight >= 3
    if riot and s("clash") < 3:
        return d("Violent demonstration", "riot", "violent_demo")
    if s("abduction") >= 3:
        if ev.killed > 0 or s("harmed_captive") >= 3:
            return d("Attack", "abduction_with_killing", "abduction")
        return d("Abduction/forced disappearance", "abduction", "abduction")
    if s("change_group") >= 4 and ev.killed == 0 and violence < 3:
        # "The faction announced it was breaking away and would keep talking": the group's
        # own change is the news, even beside a mention of its attacks or the deal.
        return d("Change to group/activity", "group_split_or_walkout", "change_group")
    if s("agreement") >= 6 and ev.killed == 0 and s("agreement") > 2 * violence:
        # "The government and the faction signed a peace agreement ... to end the fighting":
        # the deal is the news, the fighting what it ends.
        return d("Agreement", "agreement_signed", "agreement")
    if (
        s("looting") >= 3
        and ev.killed == 0
        and s("clash") < 2
        and max(s("armed_victim"), s("civ_victim"), s("abduction")) < 2
    ):
        # "Armed men looted the market ... No one was killed": the armed men and the
        # negated toll are no attack on anyone; what happened is the looting.
        return d("Looting/property destruction", "looting_without_harm", "looting")
    # Victim words alone ("residents ... villagers") are no attack: an attack cue of its own
    # (gunmen, shot dead, attacked), a toll, or a clash is needed.
    attack_cue = (cue := ev.first.get("attack")) is not None and cue.weight >= 2
    if (
        s("clash") >= 2
        or attack_cue
        or ev.killed > 0
        or s("armed_victim") >= 2
        or s("civ_victim") >= 2
    ):
        # The target decides: armed victims (soldiers, police, fighters) make a clash,
        # unarmed ones an attack on civilians.
        if s("armed_victim") > s("civ_victim"):
            return d("Armed clash", "armed_victims", "armed_victim")
        if s("civ_victim") > s("armed_victim") and s("clash") < 3:
            return d("Attack", "civilian_victims", "civ_victim")
        clash = s("clash") + s("military") * 0.5
        if clash >= s("attack") and (s("clash") >= 2 or s("military") >= 2):
            return d("Armed clash", "armed_interaction", "clash" if s("clash") else "military")
        if s("attack") >= 1:
            return d("Attack", "violence_against_civilians", "attack")
    if s("looting") >= 2:
        return d("Looting/property destruction", "looting_or_destruction", "looting")
    if s("disrupted") >= 3:
        if ev.killed > 0 and s("ied") >= 1:
            # "Devices have been found ..., and four children died in an explosion": one
            # went off and killed, so the event is the explosion.
            return d("Remote explosive/landmine/IED", "device_exploded_and_killed", "ied")
        return d("Disrupted weapons use", "device_intercepted_or_defused", "disrupted")
    if s("coup") >= 3:
        # "The army seized power in a coup, detaining the president": the coup is the event
        # (ACLED: Other), the arrests part of it.
        return d("Other", "coup", "coup")
    if s("arrests") >= 3:
        return d("Arrests", "arrests", "arrests")
    if s("hq") >= 2:
        return d("Headquarters or base established", "base_established", "hq")
    if s("agreement") >= 3 or (s("agreement") >= 2 and s("diplomacy") < 3):
        return d("Agreement", "agreement", "agreement")
    if s("other") >= 3:
        return d("Other", "other_strategic", "other")
    if s("change_group") >= 2:
        return d("Change to group/activity", "group_activity", "change_group")
    if ev.killed > 0 and ev.toll_evidence:
        # "12 suspected witches burned to death": people were killed and nothing names a
        # fight, a device or a crowd; ACLED's default for one-sided killing is an Attack.
        return Decision("Attack", "killed_without_other_sign", ev.toll_evidence)
    return Decision(None, "no_event_cue", "")
