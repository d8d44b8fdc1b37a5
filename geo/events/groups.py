"""Named armed groups and forces, with ACLED's actor kind (`inter`) for each.

A news report rarely says what kind of actor "JNIM" or "the RSF" is; an analyst knows it.
The table holds the groups that recur in conflict reporting, written from public knowledge
of who they are (no coded event data): rebel groups (2) that fight to change or overthrow
a government or hold territory, state forces (1) known by an acronym or a proper name
("FAMa", "the Tatmadaw"), political militias (3) — gangs, cartels, pro-government
auxiliaries, unidentified armed groups —, identity militias (4) organised around an
ethnic, clan or communal identity, and external/other forces (8): peacekeeping missions
and foreign mercenaries. State forces (1) are told by their nouns ("the army", "police").
"""

from __future__ import annotations

import re
from functools import lru_cache

STATE_FORCES = 1
REBELS = 2
POLITICAL_MILITIA = 3
IDENTITY_MILITIA = 4
EXTERNAL = 8

#: (alternatives, inter): regular expressions matched on word boundaries, split on "|"
#: (so no alternation inside a part); one-word parts with two or more capitals (acronyms:
#: "RSF", "LeT") match case-sensitively, the others case-insensitively.
GROUPS: tuple[tuple[str, int], ...] = (
    # State forces named by acronym or proper name
    (r"FAMa|FACA|FARDC|SAF|Sudanese Armed Forces|SSPDF|ENDF|FDS|KDF|UPDF|RDF|IDF|AFP|"
     r"SANDF|FANB|Tatmadaw|junta forces|junta troops|Levies|Frontier Corps|Rangers|BSF|CRPF|"
     r"gendarmes?|gendarmerie|National Guard|Coast Guard|Border Guards?|Joint Task Force|"
     r"Operation Hadin Kai|Somali National Army|Barkhane|Operation Sangaris", STATE_FORCES),
    # Sahel and West Africa
    (r"JNIM|GSIM|Jama'?at Nusrat al-Islam wal-Muslimin", REBELS),
    (r"ISWAP|ISSP|IS-?Sahel|ISGS|Islamic State|ISIS|ISIL|IS-?K|ISKP|ISCAP|Daesh|Da'esh",
     REBELS),
    (r"Boko Haram|JAS|Ansaru|Ansarul Islam|Katiba Macina|al-?Qaeda|AQIM|AQAP", REBELS),
    (r"FLA|CSP-DPA|CSP|CMA|Azawad\w*", REBELS),
    (r"Ambazonian?s?|Amba boys|Amba fighters|ADF|Ambazonia Defence Forces", REBELS),
    (r"VDP|Volunteers for the Defen[cs]e of the Homeland|Dozos?|Koglweogo", IDENTITY_MILITIA),
    (r"Civilian Joint Task Force|CJTF|Amotekun", POLITICAL_MILITIA),
    # East and Central Africa
    (r"al-?Shabaa?b|Al Shabaa?b", REBELS),
    (r"Rapid Support Forces|RSF|SPLM-N|SPLA-IO|SPLM-IO|NAS|National Salvation Front", REBELS),
    (r"M23|AFC|Alliance Fleuve Congo|Allied Democratic Forces|FDLR|Red-Tabara", REBELS),
    (r"Oromo Liberation Army|OLA|Tigray Defen[cs]e Forces|TDF|TPLF", REBELS),
    (r"Fano", POLITICAL_MILITIA),
    (r"CODECO|Zaire militia|Twirwaneho|Mai-?Mai|Wazalendo|Raia Mutomboki|Nyatura|"
     r"White Army|Agwelek", IDENTITY_MILITIA),
    (r"Janjaweed|Imbonerakure", POLITICAL_MILITIA),
    (r"UPC|3R|FPRC|CPC|MPC|Anti-?Balaka|ex-?Seleka", REBELS),
    (r"Ahlu Sunnah Wa-?Jama'?a|Al-?Sunnah wa Jama'?ah|ASWJ", REBELS),
    (r"MONUSCO|MINUSCA|MINUSMA|UNMISS|UNIFIL|UNDOF|ATMIS|AUSSOM|AMISOM|SAMIDRC|"
     r"peacekeepers?|blue helmets", EXTERNAL),
    (r"Wagner(?: Group)?|Africa Corps|mercenary|mercenaries", EXTERNAL),
    # Middle East, North Africa, Europe
    (r"Hamas|Qassam Brigades|al-?Qassam|Palestinian Islamic Jihad|PIJ|Al-?Quds Brigades|"
     r"Lions' Den|Jenin Brigade", REBELS),
    (r"Hezbollah|Hizbullah|Hizballah|Kata'?ib Hezbollah|Popular Mobilization Forces|PMF|"
     r"Hashd", POLITICAL_MILITIA),
    (r"Houthis?|Ansar Allah|Ansarallah", REBELS),
    (r"PKK|YPG|SDF|Syrian Democratic Forces|HTS|Hayat Tahrir al-Sham|Syrian National Army",
     REBELS),
    (r"Libyan National Army|LNA|Haftar'?s? forces|Southern Transitional Council|STC|"
     r"Security Belt|Giants Brigades", POLITICAL_MILITIA),
    (r"Islamic Resistance in Iraq", POLITICAL_MILITIA),
    # Asia
    (r"Tehreek-?e-?Taliban Pakistan|Tehrik-i-Taliban|TTP|Pakistani Taliban|BLA|BLF|"
     r"Baloch Liberation Army|Baloch Liberation Front|Lashkar-e-Taiba|LeT|Jaish-e-Mohammed|JeM|"
     r"The Resistance Front|TRF", REBELS),
    (r"(?<!anti-)Taliban", STATE_FORCES),  # Afghanistan's rulers since 2021; TTP is above
    (r"Maoists?|Naxal(?:ite)?s?|CPI \(Maoist\)|PLGA", REBELS),
    (r"People'?s Defen[cs]e Forces?|PDFs?|Arakan Army|KIA|Kachin Independence Army|TNLA|"
     r"MNDAA|KNLA|KNU|Karenni|KNDF|Chin National Army|Three Brotherhood Alliance", REBELS),
    (r"New People'?s Army|NPA|Abu Sayyaf|BIFF|Dawlah Islamiyah|Maute", REBELS),
    (r"Kuki militants?|Meitei militants?|Arambai Tenggol|UNLF|ULFA", IDENTITY_MILITIA),
    # The Americas
    (r"ELN|National Liberation Army|FARC dissidents?|EMC|Estado Mayor Central|"
     r"Segunda Marquetalia", REBELS),
    (r"Clan del Golfo|Gulf Clan|AGC|Gaitanista\w*|Tren de Aragua|CJNG|Jalisco (?:New "
     r"Generation )?Cartel|Sinaloa Cartel|Chapitos|Los Choneros|Los Lobos|Comando Vermelho|"
     r"PCC|Primeiro Comando da Capital|Viv Ansanm|G9|G-?P[eè]p|Gran Grif|400 Mawozo|"
     r"Barrio 18|MS-13|Mara Salvatrucha|cartels?|gangs?|gang members?|gangsters?",
     POLITICAL_MILITIA),
)  # fmt: skip


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], int], ...]:
    out = []
    for pattern, inter in GROUPS:
        parts = pattern.split("|")
        acronyms = [p for p in parts if " " not in p and sum(c.isupper() for c in p) >= 2]
        names = [p for p in parts if p not in acronyms]
        if acronyms:
            out.append((re.compile(rf"\b(?:{'|'.join(acronyms)})\b"), inter))
        if names:
            out.append((re.compile(rf"\b(?:{'|'.join(names)})\b", re.IGNORECASE), inter))
    return tuple(out)


def group_inter(text: str) -> int | None:
    """The ACLED actor kind of a named group mentioned in `text`, or None."""
    for pattern, inter in _compiled():
        if pattern.search(text):
            return inter
    return None


def group_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` names an armed group or force ("the Arakan Army", "Boko Haram",
    "Fano militiamen"), as character spans: a place word inside one is not a place."""
    return sorted({m.span() for pattern, _ in _compiled() for m in pattern.finditer(text)})
