"""Event kinds as data: map label, ACLED event_type / sub_event_type, CAMEO root, triggers.

A kind is matched by a trigger token: a verb whose lemma is in `verbs` or a noun whose
lemma is in `nouns`. `objects`, when set, restricts the match to triggers whose
arguments (object, prepositional object, compound) include one of those lemmas — "sent
eight warships" is a naval deployment, "sent a letter" is a letter. `KINDS` is ordered by
priority: when several triggers of one clause describe the same happening ("protests that
were suppressed, killing 24 and putting hundreds behind bars"), the first kind wins.

CAMEO roots: 01 statement, 02 appeal, 03 intent to cooperate, 04 consult, 05 diplomatic
cooperation, 06 material cooperation, 07 aid, 08 yield, 09 investigate, 10 demand,
11 disapprove, 12 reject, 13 threaten, 14 protest, 15 exhibit military posture,
16 reduce relations, 17 coerce, 18 assault, 19 fight, 20 mass violence.
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: ACLED event types and their sub-event types (codebook 2023).
# fmt: off
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    EXPLOSIONS: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
# fmt: on

# fmt: off
CAMEO_ROOTS: dict[str, str] = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation", "07": "provide aid", "08": "yield",
    "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject",
    "13": "threaten", "14": "protest", "15": "exhibit military posture",
    "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "use unconventional mass violence",
}
# fmt: on

# Pseudo-lemmas for arguments that are named places or people (see geo.events.triggers).
PLACE = "<place>"
PERSON = "<person>"
# Argument vocabularies shared by several kinds.
VESSELS = frozenset(
    {
        "boat",
        "vessel",
        "speedboat",
        "ship",
        "skiff",
        "tanker",
        "trawler",
        "ferry",
        "carrier",
        "freighter",
        "bulker",
        "dhow",
        "yacht",
        "barge",
        "tug",
        "tugboat",
        "pirogue",
        "dinghy",
    }
)
# fmt: off
NAVAL = frozenset(
    {"warship", "destroyer", "frigate", "submarine", "carrier", "cruiser", "navy", "fleet",
     "naval", "corvette", "marine", "amphibious", "flotilla", "battleship", "gunboat"}
)
# fmt: on
# fmt: off
MILITARY = frozenset(
    {"troop", "soldier", "force", "army", "jet", "aircraft", "fighter", "bomber", "drone",
     "tank", "battalion", "brigade", "unit", "reinforcement", "military", "missile",
     "personnel", "paratrooper", "helicopter", "armoured", "armored"}
) | NAVAL
# fmt: on
#: Who lands or flies in as a deployment ("150 soldiers landed at the airport"), not a
#: plane or a shell that lands.
# fmt: off
TROOPS = frozenset({"troop", "soldier", "marine", "paratrooper", "personnel", "contingent",
                    "battalion", "brigade", "unit", "peacekeeper", "commando"})
TALKS = frozenset(
    {"talk", "negotiation", "dialogue", "meeting", "request", "offer", "proposal", "summit",
     "deal", "overture", "invitation"}
)
# fmt: on
LETTERS = frozenset({"letter", "message", "note", "communique", "missive"})
# fmt: off
PROTEST_OBJECTS = frozenset(
    {"protest", "protester", "demonstration", "demonstrator", "rally", "march", "marcher", "crowd",
     "dissent", "opposition", "unrest", "gathering", "riot", "rioter", "uprising"}
)
# fmt: on
#: Trades of unarmed people, each one person: "a court clerk", "killing a sailor".
TRADES = frozenset(
    {
        "clerk",
        "employee",
        "volunteer",
        "medic",
        "engineer",
        "reporter",
        "photographer",
        "sailor",
        "seafarer",
        "rider",
    }
)  # fmt: skip
# fmt: off
CIVILIANS = frozenset(
    {"civilian", "villager", "resident", "people", "person", "man", "woman", "child",
     "farmer", "worker", "journalist", "student", "passenger", "worshipper", "family",
     "fisherman", "teacher", "migrant", "refugee"}
)
# fmt: on
#: People who can be seized ("gunmen seized a journalist"): an abduction, not a capture.
# fmt: off
SEIZED_PEOPLE = CIVILIANS | frozenset(
    {"activist", "merchant", "trader", "driver", "engineer", "teacher", "priest", "pastor",
     "doctor", "nurse", "aid", "official", "businessman", "boy", "girl", "pupil", "traveller",
     "traveler", "leader", "chief", "tourist", "missionary", "employee", "contractor",
     "staff", "brother", "sister", "son", "daughter", "wife", "husband", "relative",
     "father", "mother", "cousin", "nephew", "herder", "shopkeeper", "vendor", "pharmacist",
     "pensioner", "elder"}
)
# fmt: on
# fmt: off
SETTLEMENTS = frozenset(
    {"town", "city", "village", "base", "territory", "district", "area", "airport", "port",
     "hill", "position", "stronghold", "outpost", "region", "province", "capital", "border",
     "crossing", "bridge", "road", "highway", "mine", "oilfield", "commune", "locality",
     "barracks", "camp", "garrison", "post", "checkpoint", "station", "valley", "island",
     "neighbourhood", "neighborhood", "zone", "hamlet", "settlement", "enclave", "control",
     "headquarters", "junction", "county", "municipality", "front", "line", "trench", PLACE}
)
# fmt: on
#: Things fired from the ground or sea: "mortar rounds landed", "fired rockets at".
# fmt: off
PROJECTILES = frozenset({"mortar", "shell", "rocket", "missile", "round", "artillery", "grad",
                         "projectile", "katyusha"})
# fmt: on
#: People who bear arms: the objects of "engaged insurgents".
#: Civilian shipping: "a grain carrier sailing under a Liberian flag" is no deployment.
# fmt: off
MERCHANT = frozenset({"grain", "cargo", "bulk", "container", "merchant", "commercial", "oil",
                      "fishing", "passenger", "cruise", "flag"})
# fmt: on
#: Who police disperse or clear: any unarmed gathering ("200 teachers", "jobless graduates").
GATHERED = (
    PROTEST_OBJECTS
    | SEIZED_PEOPLE
    | TRADES
    | frozenset(
        {"supporter", "youth", "graduate", "group", "mourner", "member", "voter", "pensioner"}
    )
)
# fmt: off
ARMED_PEOPLE = frozenset({"insurgent", "militant", "rebel", "fighter", "unit", "troop",
                          "soldier", "force", "gunman", "gunmen", "bandit", "jihadist",
                          "militia", "militiaman", "army", "police", "combatant", "position",
                          "enemy", "separatist", "gang", "terrorist"})
# fmt: on
PRISONERS = frozenset({"prisoner", "detainee", "captive", "body", "pow", "hostage"})
# fmt: off
SHIPS = frozenset({"vessel", "ship", "tanker", "boat", "carrier", "freighter", "trawler",
                   "dhow", "yacht", "cargo"})
# fmt: on
# fmt: off
STONES = frozenset({"stone", "rock", "molotov", "cocktail", "projectile", "brick", "bottle",
                    "firebomb"})
# fmt: on
# fmt: off
AGREEMENTS = frozenset(
    {"agreement", "deal", "accord", "ceasefire", "truce", "treaty", "pact", "memorandum",
     "armistice", "protocol", "commitment", "declaration"}
)
# fmt: on
# fmt: off
BASES = frozenset({"base", "camp", "headquarters", "outpost", "garrison", "post"})
# fmt: on
#: Homes: where people are arrested outside any protest, and arms found on them.
DWELLINGS = frozenset({"home", "house", "residence", "apartment", "flat"})
#: Animals: driven off by looters, and never counted among the dead ("30 camels").
# fmt: off
ANIMALS = frozenset({"cattle", "livestock", "head", "goat", "sheep", "camel", "cow", "herd",
                     "donkey", "horse", "animal", "mule", "ox", "buffalo", "pig", "poultry"})
#: What looters empty or drive off: "emptied three shops", "drove off 300 head of cattle".
PLUNDER = ANIMALS | frozenset({"shop", "store", "warehouse", "market", "granary", "stall",
                               "depot", "cargo", "sack", "grain", "food", "supplies",
                               "motorbike", "motorcycle"})
# fmt: on
#: People who are at a protest by what they are called (an activist need not be).
PROTESTER_NOUNS = frozenset(
    {"protester", "protestor", "demonstrator", "marcher", "striker", "blockader"}
)
#: Vessels that are weapons: sea drones destroyed are weapons use disrupted.
UNCREWED = frozenset({"uncrewed", "unmanned", "crewless", "remote-controlled"})
# fmt: off
WEAPONS_DISRUPTED = UNCREWED | frozenset(
    {"missile", "drone", "rocket", "bomb", "ied", "explosive", "mine", "weapon", "arm", "rifle",
     "cache", "ammunition", "gun", "launcher", "munition", "firearm", "kalashnikov", "device",
     "vest", "grenade", "mortar", "shell"}
)
#: What a vehicle or a walker sets off: "the tractor set off a buried mine".
MINES = frozenset({"mine", "landmine", "ied", "explosive"})
#: Gases that disperse a crowd, not chemical weapons ("tear gas", "pepper spray").
TEAR_GAS = frozenset({"tear", "teargas", "pepper"})
#: "used water cannon": a weapon only ever turned on crowds.
WATER_CANNON = frozenset({"water"})
#: A launcher fired from the shoulder, a fight's weapon: "rocket-propelled grenades", "RPGs".
SHOULDER_FIRED = frozenset({"propel", "propelled", "rocket-propelled", "rpg", "rpgs",
                            "launcher"})  # fmt: skip
#: Who blows "himself up": a suicide bomber.
SELVES = frozenset({"himself", "herself", "themselves"})
#: What fighters hand in when they give up the fight.
ARMS_HANDED = frozenset({"weapon", "arm", "rifle", "gun", "firearm", "kalashnikov"})
# fmt: on
MILITIA = frozenset(
    {
        "militia",
        "militiaman",
        "reserve",
        "reservist",
        "volunteer",
        "guard",
        "self-defence",
        "defence",  # "a self-defence group": the tokenizer splits "self - defence"
        "defense",
        "self-defense",
        "vigilante",
    }
)
#: Armed bodies a group forms: "announced the formation of a new tribal force".
FORMED_GROUPS = frozenset({"force", "militia", "brigade", "battalion", "council", "front",
                           "faction", "wing"})  # fmt: skip
DENIABLE = frozenset({"rumour", "rumor", "report", "claim", "accusation", "allegation", "charge"})
# fmt: off
PROPERTY = frozenset({"house", "home", "building", "vehicle", "car", "shop", "office", "village",
                      "church", "mosque", "school", "market", "hotel", "store", "crop", "field",
                      "hut", "property", "station", "headquarters", "tyre", "tire", "bus",
                      "truck", "warehouse", "camp", "shelter", "compound",
                      "residence", "tanker", "lorry", "convoy", "trailer", "bridge", "post",
                      "tower", "pylon", "box", "booth", "kiosk", "stall", "coach", "motorcycle",
                      "tractor", "harvester", "granary", "barn", "orchard", "grove",
                      "structure", "dwelling", "tent", "apartment"})
# fmt: on
#: Words that put a "tanker" on a road: a fuel truck, not a ship.
ON_LAND = frozenset({"convoy", "truck", "lorry", "road", "highway"})
#: What a state "fights" that is no armed side ("neighbours fighting insurgencies").
SCOURGES = frozenset({"insurgency", "terrorism", "extremism", "crime", "corruption",
                      "poverty", "impunity", "trafficking"})  # fmt: skip
#: Ways a crowd blocks in protest ("workers who had blocked the highway").
# fmt: off
BLOCKED_WAYS = frozenset({"road", "highway", "street", "motorway", "junction", "bridge",
                          "carriageway", "railway", "intersection", "roundabout"})
# fmt: on
#: Who blocks a road as a checkpoint or a hazard, not in protest.
# fmt: off
BLOCKERS_ARMED = frozenset({"armed", "police", "policeman", "officer", "gunman", "gunmen",
                            "bandit", "militant", "rebel", "insurgent", "fighter", "troop",
                            "soldier", "army", "force", "unit", "landslide", "flood", "debris",
                            "tree", "snow", "rubble", "wreckage"})
# fmt: on
#: Who fires on a boat with small arms, not from the air ("gunmen opened fire on a pinasse").
BOARDING_PARTIES = frozenset({"gunman", "gunmen", "pirate", "bandit", "robber", "kidnapper"})
# fmt: off
ACCIDENTS = frozenset({"crash", "wreck", "accident", "collision", "flood", "storm", "blaze",
                       "tornado", "flame", "wildfire",
                       "overdose", "drowning", "avalanche", "landslide", "earthquake",
                       "lightning", "disease", "virus", "illness", "cancer"})
# fmt: on
#: What falls after an interception and sets things alight: no doer of its own.
FALLOUT = frozenset({"debris", "wreckage", "fragment", "shrapnel"})
#: What protesters beat to make noise ("beating pots"): no violence.
NOISES = frozenset({"pot", "pan", "saucepan", "drum", "casserole", "spoon"})
# fmt: off
REJECTABLE = frozenset({"plan", "proposal", "offer", "demand", "request", "resolution",
                        "election", "result", "ultimatum", "deal", "agreement", "call", "bid",
                        "appeal", "invitation", "candidacy", "law", "bill", "decision",
                        "ruling", "plea", "peace", "ceasefire", "truce", "mediation"})
# fmt: on
# fmt: off
AIRCRAFT = frozenset({"warplane", "jet", "aircraft", "drone", "helicopter", "bomber", "plane",
                      "gunship", "fighter-bomber", "uav"})
# fmt: on
# fmt: off
LEADERS = frozenset({PERSON, "president", "minister", "leader", "king", "candidate", "general",
                     "commander", "premier", "ruler", "dictator", "chief", "governor"})
# fmt: on
# fmt: off
CAPTIVES = frozenset({"hostage", "prisoner", "detainee", "captive", "crew", "sailor", "soldier",
                      "journalist", "activist", "abductee", "student", "worker", "national",
                      "citizen", "tourist", "aid"})
# fmt: on


@dataclass(frozen=True, slots=True)
class EventKind:
    """One kind of event: how it is coded and which words trigger it."""

    key: str
    label: str
    event_type: str
    sub_event_type: str
    cameo: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    objects: frozenset[str] | None = None
    verbal: bool = False  # a statement-like (CAMEO 01-13) rather than a material event
    agents: frozenset[str] | None = None  # required subject words ("warplanes struck")
    excludes: frozenset[str] = frozenset()  # argument/subject words that rule it out


def _kind(
    key: str,
    label: str,
    event_type: str,
    sub_event_type: str,
    cameo: str,
    verbs: str = "",
    nouns: str = "",
    objects: frozenset[str] | None = None,
    verbal: bool = False,
    agents: frozenset[str] | None = None,
    excludes: frozenset[str] = frozenset(),
) -> EventKind:
    return EventKind(
        key,
        label,
        event_type,
        sub_event_type,
        cameo,
        frozenset(verbs.split()),
        frozenset(nouns.split()),
        objects,
        verbal,
        agents,
        excludes,
    )


#: Compass points and their bearings in degrees ("30 km northeast of X").
# fmt: off
BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
            "southwest": 225, "west": 270, "northwest": 315}
# fmt: on
# fmt: off
KINDS: tuple[EventKind, ...] = (
    _kind("crackdown", "crackdown", PROTESTS, "Excessive force against protesters", "17",
          "suppress crush quell repress disperse crack_down open_fire fire_gas fire_cannon "
          "fire_teargas fire_canister lob_gas lob_teargas lob_canister use_gas fire_spray "
          "use_spray fire_ammunition fire_round fire_bullet fire_grenade use_baton use_cannon "
          "use_grenade use_ammunition use_round use_bullet turn_gas turn_teargas turn_cannon "
          "turn_jet turn_hose release_gas fire_shell move_with advance_with",
          "crackdown repression suppression", PROTEST_OBJECTS | TEAR_GAS | WATER_CANNON),
    _kind("chemical", "chemical attack", EXPLOSIONS, "Chemical weapon", "20",
          "gas", "chemical_attack gas_attack chlorine sarin toxic_gas gas_canister gas_grenade",
          None,
          excludes=TEAR_GAS),
    _kind("chemical_release", "chemical attack", EXPLOSIONS, "Chemical weapon", "20",
          "release", "", frozenset({"gas", "chlorine", "sarin"}),
          excludes=TEAR_GAS),
    _kind("ship_shelled", "boat strike", EXPLOSIONS, "Shelling/artillery/missile attack", "19",
          "strike hit slam", "", VESSELS, agents=PROJECTILES, excludes=ON_LAND),
    _kind("boat_strike", "boat strike", EXPLOSIONS, "Air/drone strike", "19",
          "strike destroy hit bomb attack sink target blow open_fire",
          "strike attack bombing sinking", VESSELS, excludes=ON_LAND | UNCREWED | BOARDING_PARTIES),
    _kind("air_strike", "air strike", EXPLOSIONS, "Air/drone strike", "19",
          "bomb airstrike", "airstrike air_strike drone_strike bombardment air_raid "
          "drone_attack air_attack aerial_attack drone_raid aerial_bombardment guided_bomb "
          "guide_bomb glide_bomb aerial_bomb barrel_bomb"),
    _kind("air_strike_by", "air strike", EXPLOSIONS, "Air/drone strike", "19",
          "strike hit attack target pound raid drop release slam crash set_ablaze set_alight "
          "set_on_fire damage wound injure", "strike raid attack", None,
          agents=AIRCRAFT, excludes=frozenset({"suicide"})),
    _kind("munitions_dropped", "air strike", EXPLOSIONS, "Air/drone strike", "19",
          "drop", "", frozenset({"munition", "bomb", "grenade", "explosive"})),
    _kind("suicide_self", "suicide bombing", EXPLOSIONS, "Suicide bomb", "18",
          "blow_up", "", SELVES),
    _kind("suicide_bomb", "suicide bombing", EXPLOSIONS, "Suicide bomb", "18",
          "", "suicide_bombing suicide_attack suicide_bomber suicide_bomb suicide_vest "
          "suicide_blast suicide_car suicide_attacker bomber"),
    _kind("air_launch", "air strike", EXPLOSIONS, "Air/drone strike", "19",
          "fire_missile fire_rocket launch_missile launch_rocket", "", None, agents=AIRCRAFT),
    _kind("shelling", "shelling", EXPLOSIONS, "Shelling/artillery/missile attack", "19",
          "shell fire_mortar fire_rocket fire_missile fire_shell fire_round fire_artillery "
          "fire_projectile launch_rocket launch_missile",
          "shelling artillery mortar rocket missile barrage bombardment",
          excludes=frozenset({"tear", "teargas", "live", "rubber", "warning", "smoke"})),
    _kind("shelling_landed", "shelling", EXPLOSIONS, "Shelling/artillery/missile attack", "19",
          "land hit strike slam explode pound rain fall set_ablaze set_alight set_on_fire "
          "damage wound injure", "", None, agents=PROJECTILES, excludes=frozenset({"stray"})),
    _kind("grenade", "grenade attack", EXPLOSIONS, "Grenade", "18", "",
          "grenade grenade_blast grenade_attack grenade_explosion",
          excludes=frozenset({"sound", "stun", "flash", "flash-bang", "smoke", "tear"})
          | SHOULDER_FIRED),
    _kind("explosion", "bombing", EXPLOSIONS, "Remote explosive/landmine/IED", "18",
          "explode detonate go_off", "explosion blast ied landmine car_bomb roadside_bomb bomb"),
    _kind("mine_struck", "bombing", EXPLOSIONS, "Remote explosive/landmine/IED", "18",
          "set_off trigger step_on run_over drive_over", "", MINES),
    _kind("massacre", "massacre", VAC, "Attack", "20", "massacre slaughter", "massacre"),
    _kind("ship_seizure", "ship seized", STRATEGIC, "Other", "17",
          "intercept seize board hijack commandeer detain capture", "seizure hijacking "
          "interception", SHIPS),
    _kind("territory", "territory taken", BATTLES, "Non-state actor overtakes territory", "19",
          "capture seize overrun recapture retake retook regain liberate occupy take_control "
          "gain_control regain_control seize_control wrest_control take_over push_out "
          "drive_out", "capture seizure takeover recapture retaking liberation fall",
          SETTLEMENTS),
    _kind("clash", "armed clash", BATTLES, "Armed clash", "19",
          "clash fight battle ambush exchange_fire trade_fire return_fire come_under_fire "
          "shoot_out come_under_attack repel repulse", "clash fighting battle firefight gunfight "
          "ambush offensive combat skirmish invasion incursion encounter shoot-out "
          "shoot_out shootout gunbattle gun_battle counter-offensive counteroffensive "
          "counterattack counter-attack", None, excludes=ACCIDENTS | SCOURGES),
    _kind("exchange_of_fire", "armed clash", BATTLES, "Armed clash", "19", "",
          "exchange", frozenset({"fire", "gunfire", "shot"})),
    _kind("engage", "armed clash", BATTLES, "Armed clash", "19", "engage", "",
          ARMED_PEOPLE),
    _kind("abduction", "abduction", VAC, "Abduction/forced disappearance", "18",
          "abduct kidnap take_hostage", "abduction kidnapping disappearance"),
    _kind("abduction_seize", "abduction", VAC, "Abduction/forced disappearance", "18",
          "seize snatch grab pick_up take_away take_from_home take_from_house lead_away "
          "take_from_village take_from_field take_from_farm take_from_vehicle take_from_bus "
          "march_away march_off march_into_bush march_into_forest take_into_bush "
          "take_into_forest lead_into_bush lead_into_forest", "", SEIZED_PEOPLE),
    _kind("sexual_violence", "sexual violence", VAC, "Sexual violence", "18",
          "rape abuse_sexually assault_sexually", "rape"),
    _kind("attack_civilians", "attack on civilians", VAC, "Attack", "18",
          "kill murder execute shoot behead lynch assassinate attack open_fire raid storm club "
          "bludgeon hit_with_bar hit_with_club hit_with_stick hit_with_rod hit_with_machete "
          "assault gun_down shoot_dead stab hack beat set_upon", "killing murder "
          "execution assassination attack raid assault", None, excludes=ACCIDENTS | NOISES),
    _kind("riot", "riot", RIOTS, "Violent demonstration", "14",
          "riot stone", "riot rioting unrest"),
    _kind("stone_throwing", "riot", RIOTS, "Violent demonstration", "14",
          "throw hurl pelt", "", STONES),
    _kind("mob", "mob violence", RIOTS, "Mob violence", "14", "", "mob lynching"),
    _kind("dispersal", "crackdown", PROTESTS, "Protest with intervention", "17",
          "disperse break_up scatter clear push_back shove_back", "dispersal", GATHERED),
    _kind("protest", "protest", PROTESTS, "Peaceful protest", "14",
          "protest demonstrate march rally picket take_to_street go_on_strike hold_dharna "
          "stage_dharna form_chain hold_motorcade",
          "protest demonstration march rally sit-in vigil dharna hunger_strike human_chain"),
    _kind("road_blockade", "protest", PROTESTS, "Peaceful protest", "14",
          "block barricade blockade", "", BLOCKED_WAYS, agents=GATHERED | PROTESTER_NOUNS,
          excludes=BLOCKERS_ARMED),
    _kind("property", "property destruction", STRATEGIC, "Looting/property destruction", "18",
          "torch burn raze ransack vandalize vandalise set_fire set_on_fire set_ablaze "
          "set_alight destroy demolish blow_up", "arson vandalism", PROPERTY,
          excludes=FALLOUT | PROJECTILES),
    _kind("burning", "attack on civilians", VAC, "Attack", "18",
          "burn set_alight set_ablaze set_on_fire douse burn_alive", "",
          SEIZED_PEOPLE | frozenset({"suspect", "kidnapper", "thief", PERSON})),
    _kind("looting", "looting", STRATEGIC, "Looting/property destruction", "18",
          "loot pillage plunder break_into carry_off make_off", "looting pillage plunder"),
    _kind("looting_goods", "looting", STRATEGIC, "Looting/property destruction", "18",
          "empty drive_off cart_away steal rustle", "rustling theft", PLUNDER),
    _kind("surrender", "surrender", STRATEGIC, "Change to group/activity", "08",
          "surrender defect lay_down_arm give_themselves turn_themselves hand_themselves",
          "surrender defection"),
    _kind("disarmament", "surrender", STRATEGIC, "Change to group/activity", "08",
          "hand_in hand_in_weapon hand_in_arm hand_over turn_in give_up lay_down", "", ARMS_HANDED,
          excludes=frozenset({"police", "officer"})),
    _kind("prisoner_exchange", "prisoner exchange", STRATEGIC, "Agreement", "08",
          "exchange swap free_prisoner", "exchange swap", PRISONERS),
    _kind("arrests", "arrests", STRATEGIC, "Arrests", "17",
          "arrest detain jail imprison round_up put_behind_bar take_into_custody",
          "arrest detention roundup"),
    _kind("bodies_found", "attack on civilians", VAC, "Attack", "18",
          "find discover dump recover", "", frozenset({"body", "corpse"})),
    _kind("disrupted", "weapons intercepted", STRATEGIC, "Disrupted weapons use", "19",
          "intercept defuse shoot_down bring_down down seize recover find discover confiscate "
          "uncover dismantle destroy",
          "interception seizure", WEAPONS_DISRUPTED),
    _kind("base", "base established", STRATEGIC, "Headquarters or base established", "15",
          "establish build open set move relocate install turn convert", "establishment", BASES,
          excludes=frozenset({"alight", "ablaze", "fire", "afire"})),
    _kind("position", "base established", STRATEGIC, "Headquarters or base established", "15",
          "establish build set_up install", "", frozenset({"position"})),
    _kind("transfer", "withdrawal", STRATEGIC, "Non-violent transfer of territory", "08",
          "withdraw hand cede abandon vacate pull_out", "withdrawal handover pullout",
          SETTLEMENTS),
    _kind("naval_deployment", "naval deployment", STRATEGIC, "Other", "15",
          "send deploy dispatch station move position", "deployment build-up buildup",
          NAVAL),
    _kind("deployment", "military deployment", STRATEGIC, "Other", "15",
          "send deploy dispatch station mass move airlift rush",
          "deployment redeployment build-up buildup mobilization mobilisation", MILITARY),
    _kind("naval_arrival", "naval deployment", STRATEGIC, "Other", "15",
          "arrive enter reach sail dock berth anchor", "", None, agents=NAVAL, excludes=MERCHANT),
    _kind("arrival", "military deployment", STRATEGIC, "Other", "15",
          "arrive deploy", "", None, agents=MILITARY),
    _kind("landing", "military deployment", STRATEGIC, "Other", "15",
          "land fly_in", "", None, agents=TROOPS, excludes=AIRCRAFT | PROJECTILES),
    _kind("entry", "territory taken", BATTLES, "Non-state actor overtakes territory", "19",
          "enter move_into move_back roll_into march_into return", "", SETTLEMENTS),
    _kind("mobilisation", "militia mobilisation", STRATEGIC, "Change to group/activity", "15",
          "join enlist recruit mobilize mobilise form arm raise create set_up", "mobilization "
          "mobilisation recruitment", MILITIA),
    _kind("formation", "group formed", STRATEGIC, "Change to group/activity", "08",
          "form create found launch establish", "formation creation founding launch",
          FORMED_GROUPS),
    _kind("exile", "flight into exile", STRATEGIC, "Other", "08",
          "flee escape", "exile", None, agents=LEADERS),
    _kind("release", "release of captives", STRATEGIC, "Other", "08",
          "release free", "release", CAPTIVES),
    _kind("ceasefire", "ceasefire", STRATEGIC, "Agreement", "08",
          "", "ceasefire truce armistice"),
    _kind("agreement", "agreement", STRATEGIC, "Agreement", "05",
          "sign conclude reach broker agree strike initial", "", AGREEMENTS),
    _kind("sanctions", "sanctions", STRATEGIC, "Other", "16",
          "sanction", "sanction embargo"),
    _kind("threat", "threat", STRATEGIC, "Other", "13", "threaten", "ultimatum"),
    _kind("denial", "denial", STRATEGIC, "Other", "01", "deny refute", "denial", None,
          verbal=True),
    _kind("denial_claims", "denial", STRATEGIC, "Other", "01", "dismiss reject", "", DENIABLE,
          verbal=True),
    _kind("accusation", "accusation", STRATEGIC, "Other", "11",
          "accuse blame condemn denounce criticize criticise", "accusation condemnation",
          None, verbal=True),
    _kind("rejection_talks", "rejection of talks", STRATEGIC, "Other", "12",
          "reject refuse rebuff spurn dismiss decline", "rejection refusal", TALKS,
          verbal=True),
    _kind("rejection", "rejection", STRATEGIC, "Other", "12",
          "reject refuse rebuff spurn dismiss", "rejection refusal", REJECTABLE,
          verbal=True),
    _kind("talks_offer", "offer of talks", STRATEGIC, "Other", "03",
          "propose offer request seek", "request proposal offer", TALKS, verbal=True),
    _kind("talks", "talks", STRATEGIC, "Other", "04",
          "negotiate hold_talk resume_talk open_talk begin_talk hold_negotiation",
          "talks negotiation summit", None, verbal=True),
    _kind("demand", "demand", STRATEGIC, "Other", "10", "demand", "ultimatum", None,
          verbal=True),
    _kind("appeal", "appeal", STRATEGIC, "Other", "02", "urge appeal", "", None, verbal=True),
    _kind("letter", "letter", STRATEGIC, "Other", "01",
          "release send write publish deliver", "letter", LETTERS, verbal=True),
    _kind("statement", "statement", STRATEGIC, "Other", "01",
          "announce declare proclaim issue_statement release_statement make_statement "
          "issue_communique", "", None, verbal=True),
    _kind("split", "group split", STRATEGIC, "Change to group/activity", "08",
          "break_away break_with", "split breakaway"),
    _kind("merger", "groups merged", STRATEGIC, "Change to group/activity", "08",
          "merge merge_with merge_into join_force", "merger"),
    _kind("gathering", "protest", PROTESTS, "Peaceful protest", "14", "gather assemble converge"),
)
# fmt: on

KIND_BY_KEY: dict[str, EventKind] = {kind.key: kind for kind in KINDS}
PRIORITY: dict[str, int] = {kind.key: rank for rank, kind in enumerate(KINDS)}
#: An arrest and weapons found in one act rank alike: the one told first is the event
#: ("arrested six men and recovered two rifles"; "defused a car bomb and arrested its
#: driver").
PRIORITY["disrupted"] = PRIORITY["arrests"]

#: Violent verbs that, passive and without their agent, report the outcome of an incident
#: told just before ("... ambushed a patrol. Two soldiers were shot dead.").
# fmt: off
PASSIVE_OUTCOMES = frozenset({"shoot", "behead", "execute", "stab", "hack", "burn", "injure",
                              "beat", "wound", "abduct", "kidnap", "ransack", "loot", "torch",
                              "raze"})
# fmt: on
#: Lemmas that report a consequence of another event rather than an event of their own.
# fmt: off
CONSEQUENCES = frozenset({"kill", "die", "wound", "injure", "leave", "claim", "arrest", "put",
                          "detain", "displace"})
# fmt: on


def trigger_lemmas() -> frozenset[str]:
    """Every lemma that can start an event (a fast pre-filter)."""
    words: set[str] = set()
    for kind in KINDS:
        words |= kind.verbs | kind.nouns
    return frozenset(words)


def validate() -> list[str]:
    """Problems in the taxonomy: unknown ACLED types or CAMEO roots (empty when sound)."""
    problems = []
    for kind in KINDS:
        if kind.sub_event_type not in ACLED_TYPES.get(kind.event_type, ()):
            problems.append(f"{kind.key}: {kind.event_type}/{kind.sub_event_type}")
        if kind.cameo not in CAMEO_ROOTS:
            problems.append(f"{kind.key}: CAMEO {kind.cameo}")
    return problems


#: Labels of what the codebook does not code as an event: statements, threats, sanctions.
NOT_INCIDENTS = frozenset(k.label for k in KINDS if k.verbal or k.key in ("threat", "sanctions"))
