"""Which of the BfDI's criteria an incident breaches (pure, no database).

The Federal Data Protection Commissioner (BfDI, 2013) held for Jobcenters:
research in social networks only in absolute exceptions and only with a
founded suspicion of benefit fraud; logging in for targeted research, fake
profiles and friend requests under a false flag never; search-engine
research only after the person was asked first (and refused) and only if the
person is informed afterwards. Social data are to be collected from the
person first (§ 67a Abs. 2 SGB X), so asking neighbours, landlords or
employers without asking the person first breaches that rule as well.
"""

from __future__ import annotations

from dataclasses import dataclass

BREACH = "breach"
UNCLEAR = "unclear"

SOURCE = "BfDI 2013"
# Where the BfDI's position can be read: Peter Schaar, then Federal
# Commissioner, answering Jobcenters' questions, reported on 24 May 2013.
SOURCE_CITATION = (
    "Stellungnahme des damaligen Bundesbeauftragten für den Datenschutz und die "
    "Informationsfreiheit, Peter Schaar, vom 24. Mai 2013 (Bild-Zeitung; u. a. wiedergegeben "
    "in der AFP-Meldung „Jobcenter dürfen Hilfeempfängern nicht auf Facebook nachspüren“ "
    "vom 24.05.2013)"
)
# The incident kinds that position speaks about: research on the Internet.
# Asking neighbours or passing data on is judged by § 67a SGB X and § 35 SGB I.
INTERNET_RESEARCH = frozenset({"profile_research", "fake_profile", "search_engine"})


@dataclass(frozen=True)
class CriteriaHint:
    level: str  # BREACH or UNCLEAR
    text: str
    code: str = ""
    # The same finding in the first person, as a letter of the person says it.
    letter_text: str = ""

    @property
    def is_breach(self) -> bool:
        return self.level == BREACH


def _question(
    answer: bool | None, *, breach_if: bool, breach: str, unclear: str, code: str, letter: str
):
    if answer is None:
        return CriteriaHint(UNCLEAR, unclear, f"open_{code}")
    if answer is breach_if:
        return CriteriaHint(BREACH, breach, code, letter)
    return None


def bfdi_position_fits(kind: str) -> bool:
    """Whether the BfDI's 2013 position speaks about this kind of incident."""
    return kind in INTERNET_RESEARCH


def is_data_not_generally_accessible(is_data_public: bool | None) -> bool:
    """Only a recorded "no" supports the statement that the data were not
    generally accessible (§ 42 Abs. 2 BDSG, applied by § 85 Abs. 1 SGB X);
    unknown supports nothing."""
    return is_data_public is False


def breaches(incidents) -> list[CriteriaHint]:
    """The breached criteria of several incidents, each named once, in order.

    ``incidents``: mappings or objects with ``kind``, ``was_asked_first``,
    ``was_informed_afterwards`` and ``was_fraud_suspicion_stated``."""
    found: dict[str, CriteriaHint] = {}
    for item in incidents:
        get = item.get if isinstance(item, dict) else lambda name, i=item: getattr(i, name)
        for hint in criteria_hints(
            kind=str(get("kind")),
            was_asked_first=get("was_asked_first"),
            was_informed_afterwards=get("was_informed_afterwards"),
            was_fraud_suspicion_stated=get("was_fraud_suspicion_stated"),
        ):
            if hint.is_breach and hint.code not in found:
                found[hint.code] = hint
    return list(found.values())


def criteria_hints(
    *,
    kind: str,
    was_asked_first: bool | None,
    was_informed_afterwards: bool | None,
    was_fraud_suspicion_stated: bool | None,
) -> list[CriteriaHint]:
    """Return the breached (and the still open) criteria for an incident."""
    hints: list[CriteriaHint | None] = []
    if kind == "fake_profile":
        hints.append(
            CriteriaHint(
                BREACH,
                f"Einloggen zur gezielten Recherche, Fake-Profil oder Freundschaftsanfrage "
                f"unter falscher Identität ist nie zulässig ({SOURCE}).",
                "covert_login",
                "Für die Recherche wurde ein Nutzerkonto, ein Fake-Profil oder eine "
                "Freundschaftsanfrage genutzt. Eine solche verdeckte Datenerhebung ist nach "
                "Auffassung des BfDI nie zulässig.",
            )
        )
    elif kind == "profile_research":
        hints.append(
            _question(
                was_fraud_suspicion_stated,
                breach_if=False,
                breach=(
                    "Recherche in sozialen Netzwerken ohne begründeten Verdacht auf "
                    f"Leistungsmissbrauch ({SOURCE}: nur in absoluten Ausnahmefällen)."
                ),
                unclear="Offen: Wurde ein begründeter Betrugsverdacht genannt?",
                code="no_fraud_suspicion",
                letter=(
                    "Mir wurde kein begründeter Verdacht auf Leistungsmissbrauch genannt; ohne "
                    "einen solchen ist eine Recherche in sozialen Netzwerken nach Auffassung "
                    "des BfDI unzulässig."
                ),
            )
        )
    elif kind == "search_engine":
        hints.append(
            _question(
                was_asked_first,
                breach_if=False,
                breach=(
                    "Suchmaschinen-Recherche, ohne die Person vorher zu fragen "
                    f"({SOURCE}: erst wenn sie die Auskunft verweigert)."
                ),
                unclear="Offen: Wurde die Person vorher gefragt?",
                code="search_not_asked_first",
                letter=(
                    "Ich wurde vor der Suchmaschinen-Recherche nicht gefragt und nicht "
                    "aufgefordert, die Angaben selbst zu machen (Vorrang der Erhebung bei der "
                    "betroffenen Person, § 67a Abs. 2 Satz 1 SGB X)."
                ),
            )
        )
        hints.append(
            _question(
                was_informed_afterwards,
                breach_if=False,
                breach=f"Die Person wurde nachträglich nicht informiert ({SOURCE}).",
                unclear="Offen: Wurde die Person nachträglich informiert?",
                code="search_not_informed",
                letter=(
                    "Ich wurde über die Recherche auch nachträglich nicht informiert "
                    "(Art. 14 DSGVO, § 82a SGB X)."
                ),
            )
        )
    elif kind == "third_party":
        hints.append(
            _question(
                was_asked_first,
                breach_if=False,
                breach=(
                    "Dritte befragt, ohne die Person vorher zu fragen: Sozialdaten sind "
                    "zuerst bei der betroffenen Person zu erheben (§ 67a Abs. 2 SGB X)."
                ),
                unclear="Offen: Wurde die Person vorher gefragt?",
                code="third_party_not_asked_first",
                letter=(
                    "Dritte wurden über mich befragt, ohne dass ich vorher gefragt wurde; "
                    "Sozialdaten sind zuerst bei der betroffenen Person zu erheben "
                    "(§ 67a Abs. 2 Satz 1 SGB X)."
                ),
            )
        )
    return [hint for hint in hints if hint is not None]


# Incident kinds whose conduct can be an offence prosecuted only on
# application: § 85 Abs. 1, 2 SGB X with § 42 Abs. 1, 2 BDSG (social data not
# generally accessible), § 203 Abs. 2 with § 205 Abs. 1 StGB (disclosure by an
# official). Search-engine research reads what is generally accessible;
# "Sonstiges" says nothing about an offence.
OFFENCE_KINDS = frozenset({"fake_profile", "profile_research", "third_party", "data_passed_on"})


def offence_is_plausible(*, kind: str, hints: list[CriteriaHint]) -> bool:
    """Whether an offence prosecuted on application comes into question, so
    that the Strafantrag period of § 77b StGB matters.

    Fake profiles and data passed on always; social-network research and
    asking third parties when a criterion is breached or still open (an
    unanswered question keeps the clock: a missed Strafantrag cannot be
    repaired)."""
    if kind not in OFFENCE_KINDS:
        return False
    if kind in ("fake_profile", "data_passed_on"):
        return True
    return bool(hints)
