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


@dataclass(frozen=True)
class CriteriaHint:
    level: str  # BREACH or UNCLEAR
    text: str

    @property
    def is_breach(self) -> bool:
        return self.level == BREACH


def _question(answer: bool | None, *, breach_if: bool, breach: str, unclear: str):
    if answer is None:
        return CriteriaHint(UNCLEAR, unclear)
    if answer is breach_if:
        return CriteriaHint(BREACH, breach)
    return None


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
            )
        )
        hints.append(
            _question(
                was_informed_afterwards,
                breach_if=False,
                breach=f"Die Person wurde nachträglich nicht informiert ({SOURCE}).",
                unclear="Offen: Wurde die Person nachträglich informiert?",
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
