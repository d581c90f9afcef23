"""The Überprüfungsantrag limit: how far back a review reaches (pure).

§ 44 Abs. 4 SGB X: after a review, benefits are paid back for at most four
years before the review, counted from the beginning of the year in which it
is decided or, on application, applied for (Satz 2, 3); for Bürgergeld
§ 40 Abs. 1 Satz 2 Nr. 2 SGB II puts one year in place of four (text of the
version in force from 1 Jan 2017, as printed in jurisPK-SGB II). So an
application made in a year reaches back to 1 January of the year before, and
the benefit months of a year drop out when the year after it ends. This is a
limit of calendar years, not a period: it is not moved off a weekend or
holiday.
"""

from __future__ import annotations

from datetime import date

from cases.deadlines.periods import fmt

NORM = "§ 44 Abs. 4 SGB X mit § 40 Abs. 1 Satz 2 Nr. 2 SGB II"
MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def last_day_for_month(month: date) -> tuple[date, list[str]]:
    """The last day to apply so that back payment still reaches ``month``."""
    label = f"{MONTHS[month.month - 1]} {month.year}"
    last = date(month.year + 1, 12, 31)
    steps = [
        f"Leistungsmonat: {label}, erster Tag: {fmt(month.replace(day=1))}",
        "Ein Überprüfungsantrag wirkt zurück bis zum 1. Januar des Jahres vor dem Jahr der "
        f"Antragstellung ({NORM}; Berechnung ab Beginn des Antragsjahres, § 44 Abs. 4 "
        "Satz 2, 3 SGB X)",
        f"Damit {label} noch erfasst ist, muss der Antrag spätestens im Jahr {month.year + 1} "
        f"gestellt sein ({NORM}): {fmt(last)}",
        "Keine Verschiebung auf den nächsten Werktag: maßgeblich ist das Kalenderjahr des "
        "Antrags, keine Frist (§ 44 Abs. 4 Satz 3 SGB X)",
    ]
    return last, steps


def year_end_reminder(day: date) -> tuple[date, list[str]]:
    """December reminder: the months of the previous year drop out at year end."""
    last = date(day.year, 12, 31)
    steps = [
        f"Erinnerung im Dezember {day.year}: Ein Überprüfungsantrag, der {day.year + 1} "
        f"gestellt wird, reicht nur bis 01.01.{day.year} zurück ({NORM})",
        f"Die Leistungsmonate des Jahres {day.year - 1} sind nur mit einem Antrag bis "
        f"31.12.{day.year} erreichbar; Bescheide für {day.year - 1} jetzt prüfen ({NORM}): "
        f"{fmt(last)}",
    ]
    return last, steps


def reaches_back_to(applied_on: date) -> tuple[date, list[str]]:
    """The first benefit day an Überprüfungsantrag received on ``applied_on``
    still reaches: 1 January of the year before (``NORM``)."""
    first = date(applied_on.year - 1, 1, 1)
    steps = [
        f"Eingang des Überprüfungsantrags: {fmt(applied_on)}",
        f"Leistungen werden längstens ab Beginn des Jahres vor dem Jahr der Antragstellung "
        f"nachgezahlt ({NORM}; § 44 Abs. 4 Satz 2, 3 SGB X): {fmt(first)}",
    ]
    return first, steps
