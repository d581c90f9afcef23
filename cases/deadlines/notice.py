"""When a decision counts as notified or served: pure, no database.

Each function returns the day of notification (Bekanntgabe) or service
(Zustellung) with its explanation; ``compute`` registers them as rules.
Such a day is not a period's end: it stays on a Saturday, Sunday or holiday
(BSG, Urteil vom 6. Mai 2010, B 14 AS 12/09 R; only a period's end moves,
§ 64 Abs. 3 SGG).

The day counts and where they were checked (public texts, November 2026):

- § 37 Abs. 2 Satz 1 SGB X (post): 4th day for items posted from 1 Jan 2025
  (Postrechtsmodernisierungsgesetz, BGBl. 2024 I Nr. 236), 3rd day before;
  rechtsanwaelte-km.de/sozialrecht-geaenderte-fristenregelung/.
- § 37 Abs. 2 Satz 2 SGB X (electronic transmission): 3rd day in the text up
  to 2024 (ra.de/g/sgb-10-37); the 4th day from 2025 appears only in
  secondary paraphrases, not in a statute text or the amending article
  (Art. 33 PostModG) we could read (searched again November 2026).
- § 37 Abs. 2a Satz 4 SGB X (made available for retrieval): 3rd day after the
  notice of availability was sent, in the text up to 2024 (ra.de/g/sgb-10-37);
  the current count was not found (searched again November 2026).
- § 4 Abs. 2 Satz 2 VwZG (registered mail, gemeinsame Einrichtung via
  § 65 SGB X): 4th day from 1 Jan 2025 (Art. 3 PostModG,
  umwelt-online.de/recht/allgemei/z24_0236.htm; both versions side by side at
  lexetius.org/VwZG/4,2), 3rd day before.
- Art. 4 Abs. 2 Satz 2 BayVwZVG (Bavaria): the current text says the 4th day
  (lexmea.de/de/gesetz/bayvwzvg/art-4); since when was not found.
- § 4 Abs. 2 Satz 2 ThürVwZVG (Thuringia): 3rd day (gesetze.co/TH/ThürVwZVG/4,
  version date not shown).
- § 4 Abs. 2 Satz 2 LZG NRW: 3rd day in the text of recht.nrw.de as of
  16 Mar 2024; whether it was changed for 2025 was not found.
- Länder whose service law applies the federal VwZG "in der jeweils geltenden
  Fassung", so the 4th day from 1 Jan 2025 (3rd before): Brandenburg (§ 1
  Abs. 1 BbgVwZG, bravors.brandenburg.de), Niedersachsen (§ 1 Abs. 1 NVwZG,
  voris.wolterskluwer-online.de and mi.niedersachsen.de), Rheinland-Pfalz
  (§ 1 Abs. 1 LVwZG, lexaris.de, as of 13 Jun 2023), Saarland (§ 1 SVwZG,
  saarheim.de/Gesetze/svwzg.htm), Sachsen-Anhalt (§ 1 Abs. 1 VwZG-LSA,
  lexaris.de, as of 12 Jun 2023).
- Sachsen (§ 4 Abs. 1 SächsVwVfZG: the VwZG applies "soweit nichts
  Abweichendes geregelt ist", anwalt24.de): whether anything deviates from
  § 4 VwZG was not found, so the 4th day is not taken for granted.
- Baden-Württemberg, Hessen, Mecklenburg-Vorpommern, Schleswig-Holstein:
  not found (Hessen is listed as applying the VwZG by saarheim.de, a
  secondary source without date).
- A Widerspruchsbescheid served by the Jobcenter is served under the VwZG
  whatever its Träger (§ 85 Abs. 3 Satz 2 SGG: "Nimmt die Behörde eine
  Zustellung vor, gelten die §§ 2 bis 10 des Verwaltungszustellungsgesetzes";
  Jansen, SGG, § 85 Rz. 13, haufe.de).

Where a count is not established for the day in question, the engine counts
the 3rd day, the earliest that comes into question, and says so: an earlier
notification can only make a period end earlier, never later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cases.deadlines.periods import Context, fmt, free_day_reason

CHANGE_ON = date(2025, 1, 1)
BSG_NOT_MOVED = "BSG, Urteil vom 06.05.2010, B 14 AS 12/09 R"
CAUTIOUS = (
    "vorsichtig mit dem 3. Tag gerechnet, dem frühesten in Betracht kommenden Tag "
    "(ein früherer Tag kann die Frist nur verkürzen); bitte den geltenden Wortlaut prüfen"
)


@dataclass(frozen=True)
class DayCount:
    """The fiction's day count of one service law."""

    norm: str
    before_change: int | None  # items posted before 1 Jan 2025
    from_change: int | None  # items posted from 1 Jan 2025
    source: str
    note: str = ""  # why a count is missing


VWZG = DayCount(
    "§ 65 SGB X mit § 4 Abs. 2 Satz 2 VwZG",
    3,
    4,
    "Art. 3 PostModG (BGBl. 2024 I Nr. 236); lexetius.org/VwZG/4,2",
)

VWZG_OBJECTION_DECISION = DayCount(
    "§ 85 Abs. 3 Satz 2 SGG mit § 4 Abs. 2 Satz 2 VwZG",
    3,
    4,
    "§ 85 Abs. 3 Satz 2 SGG; Art. 3 PostModG (BGBl. 2024 I Nr. 236)",
)


def _dynamic(land_norm: str, source: str) -> DayCount:
    """A Land whose service law applies the federal VwZG as amended."""
    return DayCount(
        f"§ 65 Abs. 2 SGB X mit {land_norm} und § 4 Abs. 2 Satz 2 VwZG",
        3,
        4,
        f"{land_norm}: §§ 2 bis 10 VwZG in der jeweils geltenden Fassung ({source}); "
        "§ 4 Abs. 2 Satz 2 VwZG geändert durch Art. 3 PostModG",
    )


# Service law of a zugelassener kommunaler Träger: its Land's (§ 65 Abs. 2 SGB X).
LAND_SERVICE: dict[str, DayCount] = {
    "BB": _dynamic("§ 1 Abs. 1 BbgVwZG", "bravors.brandenburg.de/de/gesetze-212202"),
    "NI": _dynamic("§ 1 Abs. 1 NVwZG", "voris.wolterskluwer-online.de; mi.niedersachsen.de"),
    "RP": _dynamic("§ 1 Abs. 1 LVwZG", "lexaris.de, Stand 13.06.2023"),
    "SL": _dynamic("§ 1 SVwZG", "saarheim.de/Gesetze/svwzg.htm"),
    "ST": _dynamic("§ 1 Abs. 1 VwZG-LSA", "lexaris.de, Stand 12.06.2023"),
    "NW": DayCount(
        "§ 65 Abs. 2 SGB X mit § 4 Abs. 2 Satz 2 LZG NRW",
        3,
        None,
        "recht.nrw.de (Stand 16.03.2024)",
        "der Text nennt den 3. Tag; ob er zum 01.01.2025 geändert wurde, ist hier nicht belegt",
    ),
    "SN": DayCount(
        "§ 65 Abs. 2 SGB X mit § 4 Abs. 1 SächsVwVfZG und § 4 Abs. 2 Satz 2 VwZG",
        3,
        None,
        "anwalt24.de (§ 4 SächsVwVfZG)",
        "das VwZG gilt, soweit nichts Abweichendes geregelt ist; eine Abweichung zu § 4 VwZG "
        "ist hier weder belegt noch ausgeschlossen",
    ),
    "BY": DayCount(
        "§ 65 Abs. 2 SGB X mit Art. 4 Abs. 2 Satz 2 BayVwZVG",
        3,
        None,
        "lexmea.de/de/gesetz/bayvwzvg/art-4",
        "der geltende Text nennt den 4. Tag; seit wann, ist hier nicht belegt",
    ),
    "TH": DayCount(
        "§ 65 Abs. 2 SGB X mit § 4 Abs. 2 Satz 2 ThürVwZVG",
        3,
        3,
        "gesetze.co/TH/ThürVwZVG/4",
        "Stand des Textes nicht angegeben",
    ),
}

ELECTRONIC = DayCount(
    "§ 37 Abs. 2 Satz 2 SGB X",
    3,
    None,
    "ra.de/g/sgb-10-37 (Fassung bis 2024)",
    "für Absendungen ab 01.01.2025 ist die Tageszahl hier nicht am Gesetzestext belegt",
)
RETRIEVAL = DayCount(
    "§ 37 Abs. 2a Satz 4 SGB X",
    3,
    None,
    "ra.de/g/sgb-10-37 (Fassung bis 2024)",
    "für Benachrichtigungen ab 01.01.2025 ist die Tageszahl hier nicht belegt",
)


def _not_moved(day: date, nth: int, what: str, context: Context, steps: list[str]) -> None:
    reason = free_day_reason(
        day, context.get("region") or None, bool(context.get("observes_catholic_holidays"))
    )
    if reason:
        steps.append(
            f"Der {nth}. Tag ist ein {reason}; der Tag der {what} wird nicht auf den nächsten "
            f"Werktag verschoben ({BSG_NOT_MOVED}; § 64 Abs. 3 SGG gilt nur für das "
            f"Fristende): {fmt(day)}"
        )


def _fiction(
    start: date, counts: DayCount, context: Context, steps: list[str], *, event: str, what: str
) -> date:
    """The nth day after ``start`` under ``counts`` (see the module docstring)."""
    if start < CHANGE_ON:
        nth, norm = counts.before_change, f"{counts.norm} in der bis 31.12.2024 geltenden Fassung"
    else:
        nth, norm = counts.from_change, counts.norm
    if nth is None:
        nth = 3
        steps.append(f"{counts.norm}: {counts.note} – {CAUTIOUS} (Quelle: {counts.source})")
    elif counts.note and start >= CHANGE_ON:
        steps.append(f"{counts.norm}: {counts.note} (Quelle: {counts.source})")
    day = start + timedelta(days=nth)
    steps.append(f"{what} am {nth}. Tag nach {event} ({norm}): {fmt(day)}")
    _not_moved(day, nth, what, context, steps)
    return day


def _later_receipt(
    fiction: date, context: Context, steps: list[str], *, norm: str, what: str = "Zugang"
) -> date:
    received_on = context.get("received_on")
    if received_on and received_on > fiction:
        steps.append(
            f"Tatsächlich später zugegangen am {fmt(received_on)}: maßgeblich ist der "
            f"spätere {what} ({norm}): {fmt(received_on)}"
        )
        return received_on
    if received_on:
        steps.append(
            f"Früherer Zugang am {fmt(received_on)} verkürzt die Fiktion nicht: {fmt(fiction)}"
        )
    return fiction


def posted(trigger_on: date, context: Context) -> tuple[date, list[str]]:
    """§ 37 Abs. 2 Satz 1 SGB X: a decision sent by ordinary post."""
    steps = [f"Aufgabe zur Post: {fmt(trigger_on)}"]
    post = DayCount("§ 37 Abs. 2 Satz 1 SGB X", 3, 4, "PostModG")
    day = _fiction(trigger_on, post, context, steps, event="Aufgabe zur Post", what="Bekanntgabe")
    return _later_receipt(day, context, steps, norm="§ 37 Abs. 2 Satz 3 SGB X"), steps


def electronic(trigger_on: date, context: Context) -> tuple[date, list[str]]:
    """§ 37 Abs. 2 Satz 2 SGB X: a decision transmitted electronically."""
    steps = [f"Elektronisch abgesandt: {fmt(trigger_on)}"]
    day = _fiction(
        trigger_on, ELECTRONIC, context, steps, event="der Absendung", what="Bekanntgabe"
    )
    return _later_receipt(day, context, steps, norm="§ 37 Abs. 2 Satz 3 SGB X"), steps


def retrieval(trigger_on: date, context: Context) -> tuple[date, list[str]]:
    """§ 37 Abs. 2a SGB X: a decision made available for retrieval (with consent)."""
    steps = [f"Benachrichtigung über die Bereitstellung zum Abruf abgesandt: {fmt(trigger_on)}"]
    day = _fiction(
        trigger_on,
        RETRIEVAL,
        context,
        steps,
        event="Absendung der Benachrichtigung",
        what="Bekanntgabe",
    )
    retrieved_on = context.get("retrieved_on")
    if retrieved_on and context.get("notice_disputed"):
        steps.append(
            f"Zugang der Benachrichtigung bestritten und nicht nachgewiesen: maßgeblich ist "
            f"der Tag des Abrufs (§ 37 Abs. 2a SGB X): {fmt(retrieved_on)}"
        )
        return retrieved_on, steps
    return day, steps


def registered(trigger_on: date, context: Context) -> tuple[date, list[str]]:
    """Service by registered mail (Einschreiben): the VwZG for a gemeinsame
    Einrichtung, the Land's service law for a zugelassener kommunaler Träger."""
    steps = [f"Einschreiben zur Post gegeben: {fmt(trigger_on)}"]
    receipt_on = context.get("return_receipt_on")
    if context.get("is_objection_decision"):
        counts = VWZG_OBJECTION_DECISION
        steps.append(
            "Widerspruchsbescheid: stellt die Behörde zu, gilt das Verwaltungszustellungsgesetz "
            "des Bundes, auch für einen zugelassenen kommunalen Träger (§ 85 Abs. 3 Satz 2 SGG)"
        )
    elif context.get("carrier") == "zkT":
        land = context.get("land") or ""
        on_file = LAND_SERVICE.get(land)
        if on_file is None:
            counts = DayCount(
                f"§ 65 Abs. 2 SGB X mit dem Verwaltungszustellungsgesetz des Landes {land}",
                None,
                None,
                "im November 2026 gesucht, nicht gefunden",
                "die Tageszahl dieses Landes ist nicht hinterlegt",
            )
        else:
            counts = on_file
            if not counts.note:
                steps.append(
                    f"Zustellungsrecht des Landes: {counts.norm} (Quelle: {counts.source})"
                )
    else:
        counts = VWZG
    if receipt_on:
        steps.append(
            f"Einschreiben mit Rückschein: zugestellt an dem Tag, den der Rückschein nennt "
            f"({counts.norm.split(' mit ')[-1].replace('Satz 2', 'Satz 1')}): {fmt(receipt_on)}"
        )
        return receipt_on, steps
    day = _fiction(trigger_on, counts, context, steps, event="Aufgabe zur Post", what="Zustellung")
    norm = counts.norm.split(" mit ")[-1].replace("Satz 2", "Satz 2 Halbsatz 2")
    return _later_receipt(day, context, steps, norm=norm), steps


def certificate(trigger_on: date, context: Context) -> tuple[date, list[str]]:
    """Service with Postzustellungsurkunde: the day the certificate names."""
    if context.get("is_objection_decision"):
        law = "§ 85 Abs. 3 Satz 2 SGG mit § 3 VwZG"
    elif context.get("carrier") == "zkT":
        law = "§ 65 Abs. 2 SGB X mit dem Zustellungsrecht des Landes"
    else:
        law = "§ 65 SGB X mit § 3 VwZG"
    steps = [
        f"Zustellung mit Postzustellungsurkunde am {fmt(trigger_on)}: zugestellt ist an dem "
        f"Tag, den die Urkunde nennt, auch bei Einlegen in den Briefkasten "
        f"({law}, §§ 180, 182 ZPO): {fmt(trigger_on)}"
    ]
    reason = free_day_reason(
        trigger_on,
        context.get("region") or None,
        bool(context.get("observes_catholic_holidays")),
    )
    if reason:
        steps.append(
            f"Der Zustelltag ist ein {reason}; er wird nicht auf den nächsten Werktag "
            f"verschoben ({BSG_NOT_MOVED}; § 64 Abs. 3 SGG gilt nur für das Fristende): "
            f"{fmt(trigger_on)}"
        )
    return trigger_on, steps
