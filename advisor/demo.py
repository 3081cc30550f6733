"""Synthetic demo registrations, calibrated to the published figures.

Every number the annual reports publish is hit on purpose, not by chance:
registrations per month come from data/published_monthly.csv; distinct
citizens, repeat contacts and first-contact shares per department are exact
quotas; the rest (units, topics, channels, waiting times) is drawn from a
seeded generator, so two builds give identical rows.

Nothing here is a real citizen: keys are hashes of running numbers.
"""

import csv
import datetime as dt
import hashlib
import random
from bisect import bisect_right
from pathlib import Path

import holidays
import pandas as pd

from advisor import db

SCALED_SQL = Path(__file__).parent / "sql" / "scaled.sql"

SEED = 20140501
LAST_DAY = dt.date(2019, 12, 31)

# The reports stop in 2018; 2019 is invented so that the reorganisation and
# the first dialogue meetings with Borger & Arbejdsmarked can be shown.
MONTHLY_2019 = [68, 61, 66, 72, 67, 70, 19, 63, 62, 66, 71, 55]

# Distinct citizens per year (2017 and 2018 are published) and the share of
# them with more than one registration in the year (33 % and 25 % published).
CITIZENS = {2014: 180, 2015: 330, 2016: 345, 2017: 366, 2018: 406, 2019: 470}
REPEAT_SHARE = {2014: 0.30, 2015: 0.32, 2016: 0.32, 2017: 0.33, 2018: 0.25, 2019: 0.25}
# The longest course seen in a year.
MAX_REGISTRATIONS = 14
# Citizens whose course runs on from December into January.
CARRIED_OVER = 6

BA, BK, SO, TM, AM = (
    "Borger & Arbejdsmarked",
    "Børn & Kultur",
    "Sundhed & Omsorg",
    "Teknik & Miljø",
    "Anden myndighed",
)
# Share of each year's citizens by the department of their first contact
# (Børn & Kultur 16 % in 2016 and 19 % in 2017 are published).
DEPARTMENT_SHARES = {
    2014: {BA: 0.55, BK: 0.15, SO: 0.12, TM: 0.06, AM: 0.12},
    2015: {BA: 0.55, BK: 0.15, SO: 0.12, TM: 0.06, AM: 0.12},
    2016: {BA: 0.55, BK: 0.16, SO: 0.12, TM: 0.05, AM: 0.12},
    2017: {BA: 0.53, BK: 0.19, SO: 0.11, TM: 0.05, AM: 0.12},
    2018: {BA: 0.54, BK: 0.19, SO: 0.11, TM: 0.04, AM: 0.12},
    2019: {BA: 0.78, BK: 0.04, SO: 0.06, TM: 0.03, AM: 0.09},
}

UNIT_WEIGHTS = {
    "Jobcenter – Jobaktiv": 22,
    "Jobcenter – Uddannelseshuset": 10,
    "Jobcenter – Jobafklaring": 14,
    "Jobcenter – Sygedagpenge": 16,
    "Ydelse og kontanthjælp": 18,
    "Borgerservice": 12,
    "Borgerservice – Team Kontrol": 8,
    "Familierådgivningen": 60,
    "Skole og specialområdet": 25,
    "Dagtilbud": 10,
    "Kultur og fritid": 5,
    "Hjemmepleje og plejecentre": 35,
    "Handicap og psykiatri": 45,
    "Sundhed og forebyggelse": 20,
    "Plan": 40,
    "Byggeri": 35,
    "Vej og park": 25,
    "Udbetaling Danmark": 45,
    "Skattestyrelsen": 20,
    "Region og sygehus": 15,
    "Andet": 20,
}
# From 2019: fewer Jobaktiv inquiries after the dialogue series, and family
# counselling weighed among the units of Borger & Arbejdsmarked.
UNIT_WEIGHTS_2019 = {"Jobcenter – Jobaktiv": 12, "Familierådgivningen": 15}

# Topics per unit, most frequent first.
TOPICS = {
    "Jobcenter – Jobaktiv": ["Overgang mellem ydelser", "Kontanthjælpsloft", "225-timers reglen", "Sagsbehandlerskift", "Manglende svar"],
    "Jobcenter – Uddannelseshuset": ["Overgang mellem ydelser", "Kontanthjælpsloft", "Sagsbehandlerskift", "Manglende svar"],
    "Jobcenter – Jobafklaring": ["Fleksjob", "Overgang mellem ydelser", "Sagsbehandlerskift", "Manglende svar"],
    "Jobcenter – Sygedagpenge": ["Sygedagpenge", "Overgang mellem ydelser", "Fleksjob", "Sagsbehandlerskift"],
    "Ydelse og kontanthjælp": ["Kontanthjælpsloft", "225-timers reglen", "Overgang mellem ydelser", "Manglende svar"],
    "Borgerservice": ["Boligstøtte", "Manglende svar"],
    "Borgerservice – Team Kontrol": ["Kontrol", "Manglende svar"],
    "Familierådgivningen": ["Sagsbehandlerskift", "Merudgifter/tabt arbejdsfortjeneste", "Manglende svar"],
    "Skole og specialområdet": ["Skoletilbud", "Manglende svar"],
    "Dagtilbud": ["Økonomisk fripladstilskud", "Manglende svar"],
    "Kultur og fritid": ["Manglende svar"],
    "Hjemmepleje og plejecentre": ["Hjemmehjælp", "Manglende svar"],
    "Handicap og psykiatri": ["Merudgifter/tabt arbejdsfortjeneste", "Sagsbehandlerskift", "Manglende svar"],
    "Sundhed og forebyggelse": ["Manglende svar"],
    "Plan": ["Byggesag", "Manglende svar"],
    "Byggeri": ["Byggesag", "Manglende svar"],
    "Vej og park": ["Manglende svar"],
    "Udbetaling Danmark": ["Boligstøtte", "Pension"],
    "Skattestyrelsen": ["Skat"],
    "Region og sygehus": ["Sundhedsvæsenet"],
    "Andet": ["Andet"],
}

TYPES = ["Rådgivning og vejledning", "Klage", "Dialogmøde", "Sparring", "Uden for kompetence"]
# "Help to self-help" from 2018: more sparring, fewer meetings.
TYPE_WEIGHTS = {"early": [62, 13, 10, 12, 3], "self_help": [58, 13, 8, 18, 3], AM: [30, 0, 0, 5, 65]}
MEETING_CHANCE = {"Rådgivning og vejledning": 0.25, "Klage": 0.4, "Dialogmøde": 1.0, "Sparring": 0.1, "Uden for kompetence": 0.0}

CHANNELS = ["Telefon", "Mail", "Personligt fremmøde", "Brev", "Digital post"]
CHANNEL_WEIGHTS = [42, 28, 14, 4, 12]
EBOKS_OUTAGE = (dt.date(2018, 7, 2), dt.date(2018, 7, 20))
EBOKS_BACKLOG = (dt.date(2018, 7, 23), dt.date(2018, 8, 10))

# The adviser started asking every citizen at a meeting about caseworker
# changes in autumn 2017.
ASKED_FROM = dt.date(2017, 9, 1)
TROUBLE_CITIZENS_2017 = 100
CHANGES_WEIGHTS = {
    "Familierådgivningen": [1, 2, 3, 3, 2, 1],
    "Jobcenter": [3, 3, 2, 1, 1, 0.5],
    "other": [6, 2, 1, 0.5, 0, 0],
}

# Pseudonyms of letters only: never mistaken for a CPR number.
LETTERS = "abcdefghjkmnpqrstuvwxyz"

_HOLIDAYS = holidays.Denmark(years=range(2014, 2021))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _HOLIDAYS


def add_working_days(day: dt.date, n: int) -> dt.date:
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def monthly_counts() -> dict[tuple[int, int], int]:
    with open(db.DATA / "published_monthly.csv", newline="") as f:
        counts = {(int(r["year"]), int(r["month"])): int(r["registrations"]) for r in csv.DictReader(f)}
    counts.update({(2019, m): n for m, n in enumerate(MONTHLY_2019, 1)})
    return counts


def capacity(day: dt.date) -> float:
    """Registrations a month the office handles without queues building up.

    Autumn 2017 was the busiest time ever; from 2018 the adviser had help.
    """
    if day < dt.date(2017, 7, 1):
        return 45
    if day < dt.date(2018, 1, 1):
        return 40
    return 58


def quotas(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split `total` by `shares` into whole numbers that add up (largest remainder)."""
    raw = {k: total * s for k, s in shares.items()}
    out = {k: int(v) for k, v in raw.items()}
    rest = sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)
    for k in rest[: total - sum(out.values())]:
        out[k] += 1
    return out


class Generator:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.org = self._organisation()
        self.next_citizen = 0
        self.rows: list[dict] = []

    @staticmethod
    def _organisation() -> list[tuple[str, str, dt.date, dt.date | None]]:
        with open(db.DATA / "organisation.csv", newline="") as f:
            return [
                (
                    r["unit"],
                    r["department"],
                    dt.date.fromisoformat(r["valid_from"]),
                    dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
                )
                for r in csv.DictReader(f)
            ]

    def department_of(self, unit: str, day: dt.date) -> str:
        for u, dep, start, end in self.org:
            if u == unit and start <= day and (end is None or day <= end):
                return dep
        raise KeyError(unit)

    def units_of(self, department: str, day: dt.date) -> list[str]:
        return [u for u, dep, start, end in self.org if dep == department and start <= day and (end is None or day <= end)]

    def new_citizen(self) -> str:
        self.next_citizen += 1
        digest = hashlib.sha256(f"demo-citizen-{self.next_citizen}".encode()).digest()
        return "".join(LETTERS[b % len(LETTERS)] for b in digest[:12])

    # -- slots: the received dates of one year, exactly as many per month as published
    def slots(self, year: int, counts: dict) -> list[dt.date]:
        days = []
        for month in range(1, 13):
            n = counts.get((year, month), 0)
            first = dt.date(year, month, 1)
            month_days = [first + dt.timedelta(d) for d in range(31) if (first + dt.timedelta(d)).month == month]
            working = [d for d in month_days if is_working_day(d) and d >= dt.date(2014, 5, 1)]
            days += sorted(self.rng.choice(working) for _ in range(n))
        return days

    def year(self, year: int, counts: dict, carried: list[dict]) -> list[dict]:
        """Registrations of one year; returns the citizens carried into the next."""
        slots = self.slots(year, counts)
        total, n_citizens = len(slots), CITIZENS[year]
        n_repeat = round(REPEAT_SHARE[year] * n_citizens)
        mid_year = dt.date(year, 7, 1)

        # Who contacts this year, and how often.
        citizens = [dict(c, k=self.rng.choice([1, 2])) for c in carried]
        carried_repeat = sum(c["k"] >= 2 for c in citizens)
        new_repeat = n_repeat - carried_repeat
        new_single = n_citizens - n_repeat - (len(citizens) - carried_repeat)
        repeat_regs = total - sum(c["k"] for c in citizens) - new_single
        ks = [2] * new_repeat
        weights = [self.rng.paretovariate(1.3) for _ in ks]
        for _ in range(repeat_regs - 2 * new_repeat):
            i = self.rng.choices(range(new_repeat), weights)[0]
            ks[i] += 1
            if ks[i] == MAX_REGISTRATIONS:
                weights[i] = 0
        fresh = [{"key": self.new_citizen(), "k": k} for k in ks + [1] * new_single]

        # Departments by exact quota of first contacts; carried citizens keep their unit.
        quota = quotas(n_citizens, DEPARTMENT_SHARES[year])
        for c in citizens:
            quota[self.department_of(c["unit"], dt.date(year, 1, 1))] -= 1
        departments = [dep for dep, n in quota.items() for _ in range(n)]
        self.rng.shuffle(departments)
        for c, dep in zip(fresh, departments):
            units = self.units_of(dep, mid_year)
            weights = [UNIT_WEIGHTS_2019.get(u, UNIT_WEIGHTS[u]) if year >= 2019 else UNIT_WEIGHTS[u] for u in units]
            c["unit"] = self.rng.choices(units, weights)[0]

        # Place the registrations. Each citizen's first registration of the
        # year goes to a "first" slot, drawn at random in proportion to every
        # month's volume, so new citizens spread over the year like the
        # registrations; follow-up registrations take the other slots, some
        # weeks apart. Carried-over citizens start in January.
        firsts = sorted(self.rng.sample(range(total), n_citizens))
        follow = sorted(set(range(total)) - set(firsts))
        placed = []
        for c in citizens:
            placed.append((c, [firsts.pop(0)] + self._take(follow, slots, slots[0], c["k"] - 1)))
        for c in sorted(fresh, key=lambda c: -c["k"]):
            if c["k"] == 1:
                continue
            room = [i for i in firsts if len(follow) - bisect_right(follow, i) >= c["k"] - 1]
            first = self.rng.choice(room) if room else firsts[0]
            firsts.remove(first)
            placed.append((c, [first] + self._take(follow, slots, slots[first], c["k"] - 1)))
        singles = [c for c in fresh if c["k"] == 1]
        self.rng.shuffle(firsts)
        placed += [(c, [i]) for c, i in zip(singles, firsts)]

        for c, idx in placed:
            topic_list = TOPICS[c["unit"]]
            topic = self.rng.choices(topic_list, [2 ** (len(topic_list) - i) for i in range(len(topic_list))])[0]
            for i in sorted(idx):
                load = counts[(year, slots[i].month)]
                self.rows.append(self.registration(c, slots[i], topic, load))

        # Courses that run on into next year: a few citizens seen in December.
        december = [c for c, idx in placed if slots[max(idx)].month == 12 and c not in citizens]
        return self.rng.sample(december, min(CARRIED_OVER, len(december)))

    def _take(self, free: list[int], slots: list[dt.date], after: dt.date, k: int) -> list[int]:
        """Take k free follow-up slots, each some weeks after the one before."""
        chosen, last = [], after
        for _ in range(k):
            target = last + dt.timedelta(days=int(self.rng.gammavariate(2, 10)))
            later = [i for i in free if slots[i] >= target] or [i for i in free if slots[i] >= last] or free[-1:]
            pick = later[0]
            free.remove(pick)
            chosen.append(pick)
            last = slots[pick]
        return chosen

    def registration(self, citizen: dict, received: dt.date, topic: str, load: int) -> dict:
        rng, unit = self.rng, citizen["unit"]
        department = self.department_of(unit, received)
        if department == AM:
            type_weights = TYPE_WEIGHTS[AM]
        else:
            type_weights = TYPE_WEIGHTS["self_help" if received.year >= 2018 else "early"]
        inquiry_type = rng.choices(TYPES, type_weights)[0]

        channel_weights = list(CHANNEL_WEIGHTS)
        if EBOKS_OUTAGE[0] <= received <= EBOKS_OUTAGE[1]:
            channel_weights[-1] = 0
        elif EBOKS_BACKLOG[0] <= received <= EBOKS_BACKLOG[1]:
            channel_weights[-1] = 40
        channel = rng.choices(CHANNELS, channel_weights)[0]

        pressure = (load / capacity(received)) ** 2
        first_answer = add_working_days(received, round(rng.gammavariate(2, (1 + 5 * pressure) / 2)))
        meeting = None
        if rng.random() < MEETING_CHANCE[inquiry_type]:
            meeting = add_working_days(received, 4 + round(rng.gammavariate(2, (3 + 8 * pressure) / 2)))
        follow_up = 5 if unit == "Jobcenter – Jobaktiv" and received.year >= 2019 else 10
        closed = add_working_days(max(first_answer, meeting or first_answer), round(rng.gammavariate(2, follow_up / 2)))

        changes = trouble = None
        if meeting is not None and received >= ASKED_FROM:
            kind = "Familierådgivningen" if unit == "Familierådgivningen" else "Jobcenter" if unit.startswith("Jobcenter") else "other"
            changes = rng.choices(range(6), CHANGES_WEIGHTS[kind])[0]
            trouble = changes >= 2 and rng.random() < 0.8 or changes == 1 and rng.random() < 0.3
        elif department != AM and rng.random() < 0.06:
            trouble = True  # told spontaneously, before anyone asked

        return {
            "citizen_key": citizen["key"],
            "received_on": received,
            "channel": channel,
            "department": department,
            "unit": unit,
            "inquiry_type": inquiry_type,
            "topic": topic,
            "first_answer_on": first_answer if first_answer <= LAST_DAY else None,
            "meeting_on": meeting if meeting and meeting <= LAST_DAY else None,
            "closed_on": closed if closed <= LAST_DAY else None,
            "caseworker_changes": changes,
            "caseworker_change_trouble": trouble,
        }

    def calibrate_trouble_2017(self) -> None:
        """Exactly TROUBLE_CITIZENS_2017 citizens report trouble in 2017."""
        rows_2017 = [r for r in self.rows if r["received_on"].year == 2017]
        troubled = sorted({r["citizen_key"] for r in rows_2017 if r["caseworker_change_trouble"]})
        if len(troubled) > TROUBLE_CITIZENS_2017:
            drop = set(self.rng.sample(troubled, len(troubled) - TROUBLE_CITIZENS_2017))
            for r in rows_2017:
                if r["citizen_key"] in drop and r["caseworker_change_trouble"]:
                    r["caseworker_change_trouble"] = False if r["caseworker_changes"] is not None else None
        else:
            candidates = sorted({r["citizen_key"] for r in rows_2017 if r["department"] != AM} - set(troubled))
            add = set(self.rng.sample(candidates, TROUBLE_CITIZENS_2017 - len(troubled)))
            for r in rows_2017:
                if r["citizen_key"] in add:
                    r["caseworker_change_trouble"] = True
                    if r["caseworker_changes"] is not None and r["caseworker_changes"] < 2:
                        r["caseworker_changes"] = 2
                    add.discard(r["citizen_key"])

    def build(self) -> pd.DataFrame:
        counts = monthly_counts()
        carried: list[dict] = []
        for year in sorted(CITIZENS):
            carried = self.year(year, counts, carried)
        self.calibrate_trouble_2017()
        self.rows.sort(key=lambda r: r["received_on"])
        seq: dict[int, int] = {}
        for r in self.rows:
            y = r["received_on"].year
            seq[y] = seq.get(y, 0) + 1
            r["inquiry_id"] = f"{y}-{seq[y]:04d}"
            r["import_id"] = None
        columns = [
            "inquiry_id", "citizen_key", "received_on", "channel", "department", "unit",
            "inquiry_type", "topic", "first_answer_on", "meeting_on", "closed_on",
            "caseworker_changes", "caseworker_change_trouble", "import_id",
        ]
        frame = pd.DataFrame(self.rows, columns=columns)
        return frame.astype({"caseworker_changes": "Int64", "import_id": "Int64"})


def registrations(seed: int = SEED) -> pd.DataFrame:
    return Generator(seed).build()


def build(path=db.DEMO_DB, seed: int = SEED, rows: int | None = None):
    """The demo database; with `rows`, a national-scale one of exactly that many.

    The scaled database repeats the calibrated registrations as if from many
    municipalities over more years (see scaled.sql), so every distribution is
    the demo's, and is written sorted by date, as a real log grows.
    """
    frame = registrations(seed)

    def fill(con):
        con.register("demo_rows", frame)
        if rows is None:
            con.execute("insert into inquiries by name select * from demo_rows")
        else:
            # Copies but the first have the years 2015-2019 only.
            per_copy = int((frame["received_on"] >= dt.date(2015, 1, 1)).sum())
            con.execute(SCALED_SQL.read_text(), {"rows": rows, "copies": 1 + -(-rows // per_copy)})
        con.unregister("demo_rows")
        record_demo_meeting(con)

    return db.build(path, fill, is_demo=True)


# A plausible dialogue meeting with Borger & Arbejdsmarked about 2. halvår
# 2018, held in February 2019, so the 2019H1 meeting has agreements to follow up.
DEMO_MEETING = {"meeting_id": 1, "held_on": dt.date(2019, 2, 14), "department": "Borger & Arbejdsmarked", "half": "2018H2",
                "units_present": ["Jobcenter – Jobafklaring", "Jobcenter – Sygedagpenge", "Ydelse og kontanthjælp",
                                  "Familierådgivningen", "Borgerservice"]}
DEMO_AGREEMENTS = [
    ("Svar på skriftlige henvendelser sendes inden for 5 arbejdsdage med sagsbehandlerens direkte telefonnummer",
     "Jobcenter – Sygedagpenge", "median_days_to_answer", dt.date(2019, 8, 31), "gennemført"),
    ("Ved skift af sagsbehandler får borgeren besked i forvejen og tilbud om et overdragelsesmøde",
     "Familierådgivningen", "citizens_with_trouble", dt.date(2019, 8, 31), "i gang"),
    ("Afgørelser om kontanthjælpsloftet forklares i et brev på almindeligt dansk",
     "Ydelse og kontanthjælp", "complaints", dt.date(2019, 12, 31), "åben"),
]


def record_demo_meeting(con) -> None:
    """The demo meeting, written as agreements.record writes a meeting (change 1)."""
    con.execute("insert into agreement_changes values (1, $at, 'møde', null)",
                {"at": dt.datetime.combine(DEMO_MEETING["held_on"], dt.time(15))})
    con.execute("insert into meetings values ($meeting_id, $held_on, $department, $half, $units_present, 1)", DEMO_MEETING)
    for number, (what, unit, figure, follow_up_on, status) in enumerate(DEMO_AGREEMENTS, start=1):
        con.execute("insert into agreements values ($id, 1, $what, $unit, $figure, $follow_up_on, $status, 1)",
                    {"id": number, "what": what, "unit": unit, "figure": figure, "follow_up_on": follow_up_on,
                     "status": status})
