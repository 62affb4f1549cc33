"""The world synthetic events are drawn from: partners and how often they come up, people's
names, places, frameworks, exercises, programmes, statements, publishers and stock phrases.

Weights are relative frequencies, chosen to look like a team's tracking of Japan's relations:
the US first, then the ROK, Australia and the UK, a long tail of European and Southeast Asian
partners, and organisations (NATO, the EU, ASEAN, the UN). Names of people are composed from
pools of common names, so they are fictional.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Chooser(Generic[T]):
    """Weighted choices from a fixed table, fast (precomputed cumulative weights)."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.values = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def pick(self, rng: random.Random) -> T:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def pick_distinct(self, rng: random.Random, count: int, exclude: Sequence[T]) -> list[T]:
        chosen: list[T] = []
        while len(chosen) < count:
            value = self.pick(rng)
            if value not in chosen and value not in exclude:
                chosen.append(value)
        return chosen


# Partners: how often they come up, how prose names them, where they host, how people are named


@dataclass(frozen=True)
class Partner:
    code: str
    weight: float
    name: str  # in running text: "the US", "South Korea"
    adjective: str  # "US", "South Korean"
    capital: str
    name_pool: str  # key of NAME_POOLS
    leader: str = "Prime Minister"
    is_state: bool = True


PARTNERS = {
    partner.code: partner
    for partner in (
        Partner("US", 24, "the US", "US", "Washington", "western", "President"),
        Partner("ROK", 14, "South Korea", "South Korean", "Seoul", "korean", "President"),
        Partner("AU", 10, "Australia", "Australian", "Canberra", "western"),
        Partner("UK", 8, "the UK", "British", "London", "western"),
        Partner("CN", 6, "China", "Chinese", "Beijing", "chinese", "Premier"),
        Partner("IN", 6, "India", "Indian", "New Delhi", "indian"),
        Partner("PH", 6, "the Philippines", "Philippine", "Manila", "filipino", "President"),
        Partner("FR", 5, "France", "French", "Paris", "french", "President"),
        Partner("DE", 4, "Germany", "German", "Berlin", "german", "Chancellor"),
        Partner("IT", 3, "Italy", "Italian", "Rome", "italian"),
        Partner("VN", 3, "Viet Nam", "Vietnamese", "Hanoi", "vietnamese"),
        Partner("ID", 3, "Indonesia", "Indonesian", "Jakarta", "indonesian", "President"),
        Partner("CA", 2, "Canada", "Canadian", "Ottawa", "western"),
        Partner("NZ", 2, "New Zealand", "New Zealand", "Wellington", "western"),
        Partner("SG", 2, "Singapore", "Singaporean", "Singapore", "chinese"),
        Partner("TH", 2, "Thailand", "Thai", "Bangkok", "thai"),
        Partner("MY", 2, "Malaysia", "Malaysian", "Kuala Lumpur", "malay"),
        Partner("UA", 2, "Ukraine", "Ukrainian", "Kyiv", "ukrainian", "President"),
        Partner("TW", 1.5, "Taiwan", "Taiwanese", "Taipei", "chinese", "President"),
        Partner("DPRK", 1.5, "North Korea", "North Korean", "Pyongyang", "korean", "leader"),
        Partner("RU", 1.5, "Russia", "Russian", "Moscow", "russian", "President"),
        Partner("MN", 1, "Mongolia", "Mongolian", "Ulaanbaatar", "mongolian"),
        Partner("ES", 1, "Spain", "Spanish", "Madrid", "spanish"),
        Partner("NL", 1, "the Netherlands", "Dutch", "The Hague", "dutch"),
        Partner("PL", 1, "Poland", "Polish", "Warsaw", "polish"),
        Partner("SE", 0.7, "Sweden", "Swedish", "Stockholm", "nordic"),
        Partner("FI", 0.7, "Finland", "Finnish", "Helsinki", "nordic"),
        Partner("LA", 0.7, "Laos", "Lao", "Vientiane", "thai"),
        Partner("KH", 0.7, "Cambodia", "Cambodian", "Phnom Penh", "thai"),
        Partner("MM", 0.5, "Myanmar", "Myanmar", "Naypyidaw", "thai"),
        Partner("BN", 0.5, "Brunei", "Bruneian", "Bandar Seri Begawan", "malay", "Sultan"),
        Partner("NATO", 2, "NATO", "NATO", "Brussels", "western", "Secretary General", False),
        Partner("EU", 2, "the EU", "EU", "Brussels", "western", "President", False),
        Partner(
            "ASEAN", 1.5, "ASEAN", "ASEAN", "Jakarta", "indonesian", "Secretary-General", False
        ),
        Partner("UN", 1, "the UN", "UN", "New York", "western", "Secretary-General", False),
        Partner("UNESCO", 0.3, "UNESCO", "UNESCO", "Paris", "french", "Director-General", False),
    )
}
PARTNER_CHOOSER = Chooser({code: partner.weight for code, partner in PARTNERS.items()})
FRIENDLY_CHOOSER = Chooser(
    {
        code: partner.weight
        for code, partner in PARTNERS.items()
        if code not in ("CN", "DPRK", "RU", "MM") and partner.is_state
    }
)
# Where a capital's country is not a state in the registry, places carry no country.
CAPITAL_COUNTRY = {"NATO": None, "EU": None, "ASEAN": "ID", "UN": "US", "UNESCO": "FR"}


@dataclass(frozen=True)
class NamePool:
    family_names: tuple[str, ...]
    given_names: tuple[str, ...]
    family_first: bool  # "Park Min-jun" rather than "Min-jun Park"


def split(names: str) -> tuple[str, ...]:
    return tuple(names.split(", "))


NAME_POOLS: dict[str, NamePool] = {
    "japanese": NamePool(
        split(
            "Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato, "
            "Yoshida, Yamada, Sasaki, Matsumoto, Inoue, Kimura, Hayashi, Shimizu, Mori, Ikeda, "
            "Hashimoto, Ishikawa, Ōno, Kōno"
        ),
        split(
            "Hiroshi, Takeshi, Yoko, Kenji, Akiko, Minoru, Naoko, Taro, Yuko, Shigeru, Fumiko, "
            "Daisuke, Masahiro, Keiko, Yoshimasa, Emi, Kōichi"
        ),
        family_first=True,
    ),
    "korean": NamePool(
        split("Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Shin, Seo"),
        split(
            "Min-jun, Seo-yeon, Duk-min, Tae-yul, Won-sik, Ji-ho, Hye-jin, Sung-han, Young-ho, "
            "Eun-ji, Jae-won"
        ),
        family_first=True,
    ),
    "chinese": NamePool(
        split("Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Lin"),
        split("Wei, Na, Jun, Yi, Hong, Jian, Xiaoming, Mei, Qiang, Hui"),
        family_first=True,
    ),
    "western": NamePool(
        split(
            "Smith, Johnson, Walsh, Brown, Taylor, Wilson, Clarke, Evans, Thompson, Robinson, "
            "Hughes, Morgan, O'Neill, Campbell, Stewart, Reid, Bennett"
        ),
        split(
            "John, Mary, Robert, Sarah, James, Emily, David, Anne, Michael, Helen, Richard, "
            "Claire, Andrew, Penny, Mark, Grant, Lloyd"
        ),
        family_first=False,
    ),
    "german": NamePool(
        split("Müller, Schmidt, Schneider, Fischer, Weber, Wagner, Becker, Hoffmann"),
        split("Anna, Jürgen, Katrin, Stefan, Ursula, Lukas, Sabine, Tobias"),
        family_first=False,
    ),
    "french": NamePool(
        split("Dubois, Lefèvre, Martin, Bernard, Moreau, Laurent, Girard, Roux"),
        split("Élodie, Jean-Yves, Catherine, François, Sébastien, Florence, Benoît"),
        family_first=False,
    ),
    "italian": NamePool(
        split("Rossi, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Conti"),
        split("Giulia, Marco, Guido, Francesca, Antonio, Chiara, Matteo"),
        family_first=False,
    ),
    "spanish": NamePool(
        split("García, Martínez, López, Sánchez, Pérez, Gómez"),
        split("Margarita, José Manuel, Pedro, Carmen, Pilar, Luis"),
        family_first=False,
    ),
    "dutch": NamePool(
        split("de Vries, Jansen, van Dijk, Bakker, Visser"),
        split("Kajsa, Ruben, Joost, Femke, Sigrid"),
        family_first=False,
    ),
    "polish": NamePool(
        split("Kowalski, Wiśniewski, Nowak, Zieliński, Szymańska"),
        split("Władysław, Radosław, Agnieszka, Małgorzata, Tomasz"),
        family_first=False,
    ),
    "nordic": NamePool(
        split("Lindqvist, Virtanen, Johansson, Häkkinen, Andersson, Nieminen"),
        split("Åsa, Pål, Tobias, Antti, Elina, Jussi"),
        family_first=False,
    ),
    "indian": NamePool(
        split("Sharma, Singh, Patel, Rao, Menon, Iyer, Kapoor"),
        split("Rohan, Priya, Arun, Vikram, Anjali, Sunil, Meera"),
        family_first=False,
    ),
    "filipino": NamePool(
        split("Santos, Reyes, Cruz, Bautista, Villanueva, Aquino, Lazaro"),
        split("Enrique, Gilbert, Maria Theresa, Ramon, Carlito, Rosario"),
        family_first=False,
    ),
    "vietnamese": NamePool(
        split("Nguyễn, Trần, Lê, Phạm, Bùi, Đỗ"),
        split("Văn An, Thị Lan, Minh Châu, Quốc Huy, Thanh Sơn"),
        family_first=True,
    ),
    "indonesian": NamePool(
        split("Santoso, Wibowo, Hartono, Prasetyo, Kusuma, Setiawan"),
        split("Budi, Ratna, Dewi, Agus, Sri, Eko"),
        family_first=False,
    ),
    "thai": NamePool(
        split("Chanthavong, Srisuk, Phommachanh, Wongsuwan, Sok, Chea, Kyaw"),
        split("Somchai, Sunisa, Khamla, Bounmy, Prak, Vannak, Aung"),
        family_first=False,
    ),
    "malay": NamePool(
        split("Abdullah, Hussein, Ibrahim, Rahman, Hasan, Yusof"),
        split("Aziz, Mohamad, Nurul, Faridah, Hakim, Siti"),
        family_first=False,
    ),
    "ukrainian": NamePool(
        split("Kovalenko, Shevchenko, Bondarenko, Tkachenko, Melnyk, Kravchuk"),
        split("Dmytro, Oleksii, Andrii, Iryna, Olena, Taras"),
        family_first=False,
    ),
    "russian": NamePool(
        split("Ivanov, Petrov, Smirnov, Volkov, Morozova, Sokolov"),
        split("Sergei, Maria, Alexei, Yelena, Nikolai, Igor"),
        family_first=False,
    ),
    "mongolian": NamePool(
        split("Batbayar, Ganbold, Enkhbold, Tsogt, Altangerel"),
        split("Bat-Erdene, Oyunchimeg, Munkh, Sarangerel"),
        family_first=False,
    ),
}

JAPAN_PLACES = (
    ("Tokyo", 30), ("Osaka", 3), ("Hiroshima", 2), ("Yokosuka", 3), ("Naha, Okinawa", 3),
    ("Chitose Air Base, Hokkaido", 1), ("Camp Zama", 1), ("Sasebo", 1), ("Kure", 1),
    ("Fukuoka", 1), ("Sapporo", 1), ("Misawa Air Base", 1), ("Nagoya", 1), ("Kyoto", 1),
)  # fmt: skip
JAPAN_PLACE_CHOOSER = Chooser(dict(JAPAN_PLACES))
THIRD_PLACES = (
    ("Vientiane", "LA"), ("Jakarta", "ID"), ("Singapore", "SG"), ("Brussels", None),
    ("New York", "US"), ("Madrid", "ES"), ("Vilnius", None), ("Phnom Penh", "KH"),
    ("Kuala Lumpur", "MY"), ("Bangkok", "TH"), ("Munich", "DE"), ("Geneva", None),
)  # fmt: skip

# Frameworks: who takes part, what kind of event they produce


@dataclass(frozen=True)
class FrameworkScene:
    frameworks: tuple[str, ...]
    partners: tuple[str, ...]  # empty: one partner chosen from `choose_from`
    weight: float
    kinds: tuple[str, ...]
    label: str  # "Japan-US-ROK", "Quad"
    choose_from: tuple[str, ...] = ()


FRAMEWORK_SCENES = (
    FrameworkScene(
        ("JUSK",),
        ("US", "ROK"),
        20,
        ("meeting", "summit", "exercise", "statement", "agreement"),
        "Japan-US-ROK",
    ),
    FrameworkScene(
        ("QUAD",),
        ("US", "AU", "IN"),
        14,
        ("meeting", "summit", "statement", "exercise", "institutional"),
        "Quad",
    ),
    FrameworkScene(("IP4",), ("ROK", "AU", "NZ"), 8, ("meeting", "summit", "statement"), "IP4"),
    FrameworkScene(
        ("IP4", "NATO"), ("ROK", "AU", "NZ", "NATO"), 5, ("summit", "meeting"), "IP4 and NATO"
    ),
    FrameworkScene(
        ("2+2",),
        (),
        16,
        ("meeting",),
        "2+2",
        ("US", "AU", "UK", "FR", "DE", "IN", "PH", "ID", "IT"),
    ),
    FrameworkScene(
        ("G7",),
        ("US", "UK", "FR", "DE", "IT", "CA", "EU"),
        7,
        ("summit", "meeting", "statement"),
        "G7",
    ),
    FrameworkScene(
        ("GCAP",),
        ("UK", "IT"),
        6,
        ("co-development", "meeting", "agreement", "institutional"),
        "GCAP",
    ),
    FrameworkScene(
        ("AUKUS+",),
        ("AU", "UK", "US"),
        3,
        ("meeting", "co-development", "statement"),
        "AUKUS Pillar II",
    ),
    FrameworkScene(("ASEAN",), ("ASEAN",), 5, ("summit", "meeting", "statement"), "ASEAN-Japan"),
    FrameworkScene(
        ("NATO",), ("NATO",), 4, ("meeting", "statement", "institutional"), "Japan-NATO"
    ),
    FrameworkScene(("UN",), ("UN",), 2, ("meeting", "statement"), "United Nations"),
)
FRAMEWORK_CHOOSER = Chooser({scene: scene.weight for scene in FRAMEWORK_SCENES})

KIND_WEIGHTS = {
    "meeting": 30, "statement": 12, "visit": 11, "exercise": 10, "agreement": 10,
    "summit": 5, "deployment": 5, "arms-transfer": 4, "co-development": 4,
    "institutional": 4, "other": 5,
}  # fmt: skip
KIND_CHOOSER = Chooser(KIND_WEIGHTS)
FRAMEWORK_SHARE = {"meeting": 0.22, "summit": 0.55, "statement": 0.15, "exercise": 0.2}
LEVEL_WEIGHTS = {
    "meeting": {
        "ministerial": 35,
        "senior-officials": 25,
        "working": 14,
        "chiefs-of-staff": 10,
        "leaders": 10,
        "ambassador": 6,
    },
    "summit": {"leaders": 1},
    "visit": {"ministerial": 45, "leaders": 20, "chiefs-of-staff": 15, "senior-officials": 20},
    "agreement": {"ministerial": 40, "leaders": 15, "senior-officials": 25, "none": 20},
    "statement": {
        "ministerial": 35,
        "leaders": 15,
        "ambassador": 15,
        "senior-officials": 10,
        "none": 25,
    },
    "exercise": {"none": 80, "chiefs-of-staff": 20},
    "deployment": {"none": 70, "ministerial": 30},
    "institutional": {"none": 60, "ministerial": 40},
    "arms-transfer": {"none": 70, "ministerial": 30},
    "co-development": {"none": 60, "ministerial": 40},
    "other": {"none": 70, "ministerial": 20, "ambassador": 10},
}
LEVEL_CHOOSERS = {kind: Chooser(weights) for kind, weights in LEVEL_WEIGHTS.items()}
KIND_DOMAINS = {
    "meeting": ("diplomacy", "defence"), "summit": ("diplomacy",), "visit": ("diplomacy",),
    "agreement": ("defence", "diplomacy"), "statement": ("diplomacy",),
    "exercise": ("defence",), "deployment": ("defence",), "institutional": ("defence",),
    "arms-transfer": ("defence-industry",), "co-development": ("defence-industry",),
    "other": ("culture",),
}  # fmt: skip
EXTRA_DOMAINS = Chooser(
    {
        "defence": 6,
        "maritime": 5,
        "economy": 5,
        "technology": 4,
        "deterrence": 3,
        "cyber": 3,
        "space": 2,
        "intelligence": 2,
        "energy": 2,
        "humanitarian": 2,
        "defence-industry": 2,
        "diplomacy": 3,
        "culture": 1,
        "heritage": 0.5,
    }
)

TOPICS = (
    # (phrase in text, tag, domain)
    ("the situation in the East China Sea", "east-china-sea", "maritime"),
    ("freedom of navigation in the South China Sea", "south-china-sea", "maritime"),
    ("peace and stability across the Taiwan Strait", "taiwan-strait", "deterrence"),
    ("North Korea's missile launches", "north-korea-missiles", "deterrence"),
    ("economic security and supply chains", "economic-security", "economy"),
    ("semiconductor supply chains", "semiconductors", "technology"),
    ("critical minerals", "critical-minerals", "economy"),
    ("cyber defence", "cybersecurity", "cyber"),
    ("space situational awareness", "space", "space"),
    ("extended deterrence", "extended-deterrence", "deterrence"),
    ("support for Ukraine", "ukraine", "diplomacy"),
    ("maritime domain awareness", "maritime-domain-awareness", "maritime"),
    ("energy security and LNG supplies", "energy-security", "energy"),
    ("disaster relief cooperation", "disaster-relief", "humanitarian"),
    ("intelligence sharing", "intelligence-sharing", "intelligence"),
    ("defence equipment and technology transfers", "defence-equipment", "defence-industry"),
    ("official security assistance (OSA)", "osa", "defence"),
    ("the rule of law at sea", "rule-of-law", "maritime"),
)  # fmt: skip

EXERCISES = (
    # (name, partners, weight)
    ("Malabar", ("US", "IN", "AU"), 4), ("Talisman Sabre", ("AU", "US"), 3),
    ("Keen Sword", ("US",), 4), ("Freedom Edge", ("US", "ROK"), 3),
    ("Pacific Vanguard", ("US", "AU", "ROK"), 3), ("Cope North", ("US", "AU"), 3),
    ("Balikatan", ("PH", "US"), 3), ("Kamandag", ("PH", "US"), 2),
    ("Resolute Dragon", ("US",), 3), ("Orient Shield", ("US",), 3),
    ("Bushido Guardian", ("UK",), 2), ("Vigilant Isles", ("UK",), 2),
    ("Pitch Black", ("AU", "FR", "DE", "IN", "SG"), 2), ("Nippon Skies", ("DE", "ES", "FR"), 1),
    ("Dharma Guardian", ("IN",), 2), ("Southern Jackaroo", ("AU", "US"), 2),
    ("Komodo", ("ID", "US", "AU"), 1), ("Pacific Partnership", ("US", "AU", "UK"), 2),
    ("Trident", ("AU",), 1), ("Khaan Quest", ("MN", "US"), 1), ("Sea Breeze", ("UA", "US"), 1),
)  # fmt: skip
FRAMEWORK_EXERCISES = {"JUSK": "Freedom Edge", "QUAD": "Malabar"}
EXERCISE_CHOOSER = Chooser({name: weight for name, _, weight in EXERCISES})
EXERCISE_PARTNERS = {name: partners for name, partners, _ in EXERCISES}
EXERCISE_FORCES = (
    "the Maritime Self-Defense Force", "the Ground Self-Defense Force",
    "the Air Self-Defense Force", "the Self-Defense Forces",
)  # fmt: skip

TRANSFERS = (
    # (what, tag, recipients)
    ("Abukuma-class destroyer escorts", "abukuma", ("PH", "ID")),
    ("FPS-3 air surveillance radars", "air-surveillance-radar", ("PH", "VN", "MY")),
    ("coastal radar systems", "coastal-radar", ("PH", "MY", "ID", "BN")),
    ("Patriot PAC-3 missiles", "pac-3", ("US",)),
    ("TC-90 training aircraft", "tc-90", ("PH", "MY")),
    ("rigid-hull inflatable boats", "patrol-boats", ("PH", "VN", "ID", "TH")),
    ("patrol vessels", "patrol-vessels", ("VN", "PH", "ID", "MY")),
    ("155mm artillery shells", "ammunition", ("US", "UK")),
    ("non-lethal equipment", "non-lethal-aid", ("UA",)),
    ("defence vehicles", "defence-vehicles", ("UA",)),
)  # fmt: skip
CODEVELOPMENTS = (
    ("the next-generation GCAP fighter", "gcap", ("UK", "IT")),
    ("the Glide Phase Interceptor", "glide-phase-interceptor", ("US",)),
    ("the SM-3 Block IIA interceptor", "sm-3", ("US",)),
    ("upgraded Mogami-class frigates", "mogami", ("AU",)),
    ("unmanned surface vessels", "unmanned-systems", ("UK", "AU")),
    ("a new air-to-air missile", "jnaam", ("UK",)),
    ("chemical and biological protective equipment", "cbrn", ("FR", "DE")),
    ("AMRAAM missile components", "amraam", ("US",)),
    ("hypersonic counter-measures", "hypersonic", ("US", "AU")),
)  # fmt: skip
AGREEMENTS = (
    ("a Reciprocal Access Agreement", "reciprocal-access", ("AU", "UK", "PH", "FR", "NZ")),
    (
        "an Acquisition and Cross-Servicing Agreement",
        "acsa",
        ("US", "AU", "UK", "FR", "CA", "DE", "IN", "IT"),
    ),
    (
        "an agreement on the transfer of defence equipment and technology",
        "defence-equipment",
        ("US", "UK", "AU", "IN", "PH", "FR", "DE", "IT", "ID", "VN", "MY", "TH", "SE", "NL"),
    ),
    (
        "an information security agreement",
        "information-security",
        ("US", "UK", "AU", "IN", "FR", "IT", "DE", "PL"),
    ),
    ("a memorandum on cyber cooperation", "cybersecurity", ("US", "UK", "EU", "AU", "ROK")),
    ("a partnership on critical minerals", "critical-minerals", ("US", "AU", "CA", "EU", "IN")),
    (
        "an exchange of notes on official security assistance",
        "osa",
        ("PH", "MY", "BN", "ID", "VN", "TH"),
    ),
    ("a memorandum on defence cooperation and exchanges", "defence-exchanges", ()),
    (
        "a memorandum on semiconductor cooperation",
        "semiconductors",
        ("US", "UK", "IN", "ROK", "EU", "NL"),
    ),
)
DEPLOYMENTS = (
    # (what the partner sends, tag, partners that send it)
    ("a carrier strike group to the Indo-Pacific", "carrier-strike-group",
     ("UK", "FR", "IT", "US")),
    ("a frigate to the Indo-Pacific", "naval-deployment", ("DE", "NL", "FR", "CA", "NZ")),
    ("F-35 fighters to Misawa Air Base", "f-35", ("US",)),
    ("HIMARS units to Okinawa", "himars", ("US",)),
    ("fighter jets for joint training in Japan", "fighter-deployment",
     ("AU", "IN", "DE", "FR", "IT", "UK")),
    ("a destroyer for a port call in Japan", "port-call",
     ("IN", "FR", "UK", "AU", "CA", "DE", "IT", "NL", "NZ", "ES")),
    ("a Marine Littoral Regiment to Okinawa", "marine-littoral-regiment", ("US",)),
)  # fmt: skip
INSTITUTIONS = (
    ("a liaison office in Tokyo", "liaison-office", ("NATO", "EU")),
    ("a trilateral secretariat", "secretariat", ("ROK",)),
    ("a defence industry cooperation forum", "defence-industry-forum", ("UK", "IT", "AU", "US")),
    ("a joint coordination centre", "coordination-centre", ("US", "AU")),
    ("a new consulate-general", "consulate", ("IN", "VN", "ID", "PH", "AU", "US", "MN", "KH")),
    ("a real-time missile warning data-sharing mechanism", "missile-warning", ("US", "ROK")),
    (
        "a standing dialogue on economic security",
        "economic-security",
        ("US", "UK", "AU", "EU", "IN", "FR", "DE"),
    ),
)
OTHER_EVENTS = (
    ("a cultural exchange year", "exchange-year", ()),
    ("the inscription of a site on the UNESCO World Heritage List", "unesco",
     ("UNESCO", "ROK", "CN")),
    ("emergency relief supplies after an earthquake", "disaster-relief", ()),
    ("the return of cultural property", "cultural-property", ("ROK", "CN", "FR", "UK")),
    ("a youth exchange programme", "youth-exchange", ()),
    ("a loan for port infrastructure", "oda", ("PH", "VN", "ID", "KH", "LA", "MM", "TH")),
    ("long-term LNG supply contracts", "lng", ("AU", "US", "MY", "BN", "ID")),
)  # fmt: skip
OTHER_DOMAINS = {
    "exchange-year": "culture", "unesco": "heritage", "disaster-relief": "humanitarian",
    "cultural-property": "heritage", "youth-exchange": "culture", "oda": "economy",
    "lng": "energy",
}  # fmt: skip
STATEMENT_SUBJECTS = (
    ("condemn", "North Korea's ballistic missile launches", "north-korea-missiles", "deterrence"),
    (
        "express serious concern about",
        "coast guard activity around the Senkaku Islands",
        "senkaku",
        "maritime",
    ),
    ("reaffirm", "their commitment to a free and open Indo-Pacific", "foip", "diplomacy"),
    ("welcome", "progress in trilateral security cooperation", "security-cooperation", "defence"),
    ("call for", "restraint in the Taiwan Strait", "taiwan-strait", "deterrence"),
    ("condemn", "Russia's aggression against Ukraine", "ukraine", "diplomacy"),
    (
        "oppose",
        "any unilateral attempt to change the status quo by force",
        "status-quo",
        "deterrence",
    ),
    ("express concern about", "joint bomber flights near Japan", "bomber-flights", "defence"),
)
PROTESTS = {
    "DPRK": (
        ("its ballistic missile launches", "north-korea-missiles", "deterrence"),
        (
            "a missile that fell inside Japan's exclusive economic zone",
            "north-korea-missiles",
            "deterrence",
        ),
        ("the abduction issue", "abductions", "diplomacy"),
    ),
    "CN": (
        ("coast guard activity around the Senkaku Islands", "senkaku", "maritime"),
        ("a survey ship in Japan's exclusive economic zone", "eez", "maritime"),
        ("an airspace violation by a military aircraft", "airspace", "defence"),
        ("the detention of a Japanese national", "consular", "diplomacy"),
    ),
    "RU": (
        ("military exercises on the Northern Territories", "northern-territories", "defence"),
        ("joint bomber flights near Japan", "bomber-flights", "defence"),
        ("restrictions on Japanese fishing boats", "fisheries", "economy"),
    ),
}

PUBLISHERS = (
    # (name, file name, authors (None: unsigned), curly apostrophes)
    ("East Asia Monitor", "asia-monitor", ("Helen Park", "Daniel Ortiz", None), True),
    ("Pacific Security Review", "pacific-review", ("Rui Tanabe", "Claire Dunn"), False),
    ("Tokyo Policy Brief", "tokyo-brief", ("Kenta Mori", None, None), False),
    ("Indo-Pacific Defence Weekly", "defence-weekly", ("Aarav Mehta", None), True),
    ("Nikkō Diplomatic Digest", "nikko-digest", ("Ōta Sayuri", "Ben Ward"), True),
    ("Maritime Affairs Quarterly", "maritime-quarterly", ("Ingrid Solberg",), False),
    ("Korea-Japan Observer", "kj-observer", ("Lee Ha-eun", None), True),
    ("Strategic Currents", "currents", (None,), False),
)  # fmt: skip
COMMENTARY = (
    "Observers in Tokyo described the step as part of a wider effort to diversify the country's "
    "security partnerships.",
    "The government did not disclose further details.",
    "Opposition lawmakers questioned the cost of the programme in the Diet.",
    "Analysts expect the cooperation to deepen over the coming years.",
    "The talks took place against the background of rising tensions in the region.",
    "Officials stressed that the arrangement is not directed against any third country.",
    "The ministry's spokesperson gave no timetable.",
    "Regional media followed the event closely.",
    "Critics argue that the pace of these changes leaves little room for public debate.",
    "The move reflects a broader shift in Japan's post-war security policy.",
)  # fmt: skip
SUMMARIES = (
    "The sides agreed to keep close communication on {topic}.",
    "Both governments described the outcome as a milestone for {topic}.",
    "The talks focused on {topic}; a joint press release followed.",
    "It follows earlier discussions on {topic} and is expected to lead to working-level talks.",
    "The source links the step to {topic}.",
)  # fmt: skip


NAMED_LEVELS = ("leaders", "ministerial", "chiefs-of-staff", "ambassador", "senior-officials")
ANNOUNCEABLE = (
    "agreement",
    "deployment",
    "institutional",
    "arms-transfer",
    "co-development",
    "statement",
    "exercise",
)
OFFICES = {
    # level: {defence?: (Japanese office, partner office)}
    "leaders": {False: ("Prime Minister", ""), True: ("Prime Minister", "")},
    "ministerial": {
        False: ("Minister for Foreign Affairs", "Foreign Minister"),
        True: ("Minister of Defense", "Defence Minister"),
    },
    "chiefs-of-staff": {
        False: ("Chief of Staff, Joint Staff", "Chief of Defence Staff"),
        True: ("Chief of Staff, Joint Staff", "Chief of Defence Staff"),
    },
    "senior-officials": {
        False: ("Vice-Minister for Foreign Affairs", "Deputy Foreign Minister"),
        True: ("Administrative Vice-Minister of Defense", "Deputy Defence Minister"),
    },
    "ambassador": {False: ("", ""), True: ("", "")},
    "working": {
        False: ("Director-General, Asian and Oceanian Affairs", "Director-General"),
        True: ("Director-General, Defense Policy Bureau", "Director-General"),
    },
}
