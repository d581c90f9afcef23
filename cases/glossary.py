"""The terms of art the case pages use, explained once: the glossary page,
the help texts of the legal fields and the full names of abbreviations all
read from here. Pure data, no models.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as Promise

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    slug: str
    term: str | Promise
    text: str | Promise  # a sentence or two in plain German, with the § that decides
    help: str | Promise = ""  # the short help text under a form field, if one uses it
    abbreviation: str = ""


TERMS: tuple[Term, ...] = (
    Term(
        "bekanntgabe",
        _("Bekanntgabe"),
        _(
            "Der Tag, an dem ein Bescheid als bekannt gegeben gilt; mit ihm beginnen die "
            "Fristen. Ein mit der Post versandter Bescheid gilt am vierten Tag nach der "
            "Aufgabe zur Post als bekannt gegeben (vor dem 1. Januar 2025: am dritten Tag), "
            "auch an einem Wochenende; kam er nachweislich später an, zählt der spätere Tag "
            "(§ 37 Abs. 2 SGB X)."
        ),
        help=_(
            "Das Datum des Poststempels oder der Absendevermerk; daraus folgt die Bekanntgabe "
            "am vierten Tag danach (§ 37 Abs. 2 SGB X)."
        ),
    ),
    Term(
        "zugang",
        _("Zugang"),
        _(
            "Der Tag, an dem der Bescheid tatsächlich im Briefkasten lag. Er zählt nur, wenn "
            "er nach dem Tag der Bekanntgabe liegt (§ 37 Abs. 2 SGB X); im Zweifel "
            "muss die Behörde den Zugang beweisen."
        ),
        help=_(
            "Nur eintragen, wenn bekannt. Liegt der Tag nach der gesetzlichen Bekanntgabe, "
            "beginnt die Frist erst mit ihm (§ 37 Abs. 2 SGB X)."
        ),
    ),
    Term(
        "bekanntgabe-im-ausland",
        _("Bekanntgabe im Ausland"),
        _(
            "Wurde der Bescheid der Person im Ausland bekannt gegeben (sie wohnte oder hielt "
            "sich dort auf), beträgt die Widerspruchsfrist drei statt einen Monat "
            "(§ 84 Abs. 1 Satz 2 SGG), ebenso die Klagefrist (§ 87 Abs. 1 Satz 2 SGG)."
        ),
        help=_(
            "Ankreuzen, wenn der Bescheid der Person im Ausland zuging: dann drei Monate "
            "Frist statt einem (§ 84 Abs. 1 Satz 2 SGG)."
        ),
    ),
    Term(
        "rechtsbehelfsbelehrung",
        _("Rechtsbehelfsbelehrung"),
        _(
            "Der Absatz am Ende eines Bescheids, der sagt, welcher Rechtsbehelf (Widerspruch, "
            "Klage) möglich ist, bei welcher Stelle, in welcher Form und Frist. Fehlt er oder "
            "ist er unrichtig, beginnt die gewöhnliche Frist nicht: der Rechtsbehelf ist dann "
            "ein Jahr lang möglich (§ 66 Abs. 2 Satz 1 SGG). Solange niemand den Bescheid "
            "geprüft hat, rechnet die Fallakte vorsorglich mit der kurzen Frist und sagt das "
            "in der Erläuterung der Frist."
        ),
        help=_(
            "Erst nach dem Lesen des Bescheids auswählen. Fehlt die Belehrung oder nennt sie "
            "eine falsche Stelle, Form oder Frist, gilt ein Jahr (§ 66 Abs. 2 SGG); bis zur "
            "Prüfung wird vorsorglich die kurze Frist gerechnet."
        ),
    ),
    Term(
        "widerspruch",
        _("Widerspruch"),
        _(
            "Der erste Rechtsbehelf gegen einen Bescheid des Jobcenters, schriftlich oder zur "
            "Niederschrift beim Jobcenter, innerhalb eines Monats nach der Bekanntgabe "
            "(§ 84 Abs. 1 SGG). Er hat in vielen Fällen keine aufschiebende Wirkung "
            "(§ 39 SGB II)."
        ),
    ),
    Term(
        "widerspruchsbescheid",
        _("Widerspruchsbescheid"),
        _(
            "Die Entscheidung über den Widerspruch. Gegen ihn ist die Klage zum Sozialgericht "
            "möglich, innerhalb eines Monats nach der Bekanntgabe (§ 87 SGG)."
        ),
    ),
    Term(
        "untaetigkeitsklage",
        _("Untätigkeitsklage"),
        _(
            "Klage, wenn die Behörde nicht entscheidet: frühestens drei Monate nach einem "
            "Widerspruch, sechs Monate nach einem Antrag (§ 88 SGG)."
        ),
    ),
    Term(
        "einstweilige-anordnung",
        _("Einstweilige Anordnung"),
        _(
            "Eilentscheidung des Sozialgerichts, wenn ein Abwarten der Hauptsache "
            "unzumutbar ist, etwa weil Leistungen fehlen (§ 86b Abs. 2 SGG)."
        ),
    ),
    Term(
        "kenntnis-von-der-tat",
        _("Kenntnis von der Tat"),
        _(
            "Der Tag, an dem die Person erfuhr, was geschehen ist (zum Beispiel dass ihr "
            "Profil ausgeforscht wurde). Allein beginnt damit noch keine Frist."
        ),
        help=_("Der Tag, an dem die Person erfuhr, was geschehen ist."),
    ),
    Term(
        "kenntnis-von-der-person-des-taeters",
        _("Kenntnis von der Person des Täters"),
        _(
            "Der Tag, an dem die Person wusste, wer gehandelt hat, so genau, dass sie einen "
            "Strafantrag stellen kann (ein Name ist nicht nötig, die Stelle und Funktion "
            "genügen). Mit dem Ende dieses Tages beginnt die Frist von drei Monaten für den "
            "Strafantrag (§ 77b Abs. 2 Satz 1 StGB), sofern die Tat da schon bekannt war."
        ),
        help=_(
            "Der Tag, an dem die Person wusste, wer es war (Name oder Stelle genügt). Ab dem "
            "Ende dieses Tages laufen drei Monate für den Strafantrag (§ 77b Abs. 2 StGB)."
        ),
    ),
    Term(
        "strafantrag",
        _("Strafantrag"),
        _(
            "Die Erklärung der verletzten Person, dass sie die Verfolgung will. Die unbefugte "
            "Verarbeitung von Sozialdaten (§ 85 SGB X) wird nur auf Antrag verfolgt; er ist "
            "binnen drei Monaten zu stellen (§ 77b StGB) und seit dem 17. Juli 2024 auch in "
            "Textform möglich (§ 158 Abs. 2 StPO). Eine Strafanzeige allein genügt dafür nicht."
        ),
    ),
    Term(
        "bfdi-kriterien",
        _("BfDI-Kriterien"),
        _(
            "Nach dem Bundesbeauftragten für den Datenschutz (2013) ist Recherche in sozialen "
            "Netzwerken nur ausnahmsweise bei begründetem Betrugsverdacht zulässig, nie durch "
            "Einloggen oder unter falschem Profil; Suchmaschinen erst, nachdem die Person "
            "vorher gefragt wurde und nachträglich informiert wird."
        ),
        help=_("Eine der Bedingungen, die der BfDI 2013 für zulässige Recherche nannte."),
    ),
    Term(
        "ge",
        _("gemeinsame Einrichtung"),
        _(
            "Jobcenter, das Bundesagentur für Arbeit und Kommune gemeinsam führen "
            "(§ 44b SGB II). Die Datenschutzaufsicht hat der BfDI (§ 50 Abs. 4 SGB II)."
        ),
        abbreviation="gE",
    ),
    Term(
        "zkt",
        _("zugelassener kommunaler Träger"),
        _(
            "Jobcenter, das die Kommune allein führt (Optionskommune, § 6a SGB II). Die "
            "Datenschutzaufsicht hat die oder der Landesbeauftragte des Landes."
        ),
        abbreviation="zkT",
    ),
    Term(
        "bfdi",
        _("Bundesbeauftragte für den Datenschutz und die Informationsfreiheit"),
        _("Datenschutzaufsicht des Bundes, zuständig für die gemeinsamen Einrichtungen."),
        abbreviation="BfDI",
    ),
    Term(
        "bevollmaechtigte",
        _("Bevollmächtigte"),
        _(
            "Wer mit schriftlicher Vollmacht für die Person handelt (§ 13 SGB X); die "
            "Behörde soll sich dann an die Bevollmächtigten wenden."
        ),
    ),
    Term(
        "sozialdaten",
        _("Sozialdaten"),
        _(
            "Alle Angaben über eine Person, die ein Jobcenter für seine Aufgaben verarbeitet "
            "(§ 67 Abs. 2 SGB X). Sie unterliegen dem Sozialgeheimnis (§ 35 SGB I)."
        ),
    ),
    Term(
        "unbestaetigte-frist",
        _("unbestätigte Frist"),
        _(
            "Eine berechnete Frist, die noch niemand nachgerechnet hat. Eine zweite Person oder "
            "die zuständige Person bestätigt sie (Vier-Augen-Prinzip); bis dahin steht sie als "
            "„unbestätigt“ in den Listen."
        ),
    ),
    Term(
        "kleine-zahlen",
        _("Unterdrückung kleiner Zahlen"),
        _(
            "Die Statistik zeigt Anzahlen unter 5 nicht, sondern „weniger als 5“, damit "
            "einzelne Personen nicht erkennbar werden."
        ),
    ),
)

# Abbreviations that are no authority of the directory (those carry their
# full name on the record) and no Jobcenter kind (listed above).
OTHER_ABBREVIATIONS: dict[str, str | Promise] = {
    "SGB II": _("Zweites Buch Sozialgesetzbuch (Bürgergeld, Grundsicherung für Arbeitsuchende)"),
    "SGB X": _("Zehntes Buch Sozialgesetzbuch (Verwaltungsverfahren, Sozialdatenschutz)"),
    "SGG": _("Sozialgerichtsgesetz"),
    "StGB": _("Strafgesetzbuch"),
    "StPO": _("Strafprozessordnung"),
    "DSGVO": _("Datenschutz-Grundverordnung"),
    "BDSG": _("Bundesdatenschutzgesetz"),
    "BG-Nummer": _("Nummer der Bedarfsgemeinschaft beim Jobcenter"),
}

_BY_SLUG = {term.slug: term for term in TERMS}


def term(slug: str) -> Term:
    return _BY_SLUG[slug]


def help_text(slug: str) -> str | Promise:
    """The help text of a form field (lazy, translated when shown)."""
    return _BY_SLUG[slug].help


def abbreviations() -> Mapping[str, str]:
    """Abbreviation → full name, for the terms and laws above (in the active
    language; made once per language, as the case list asks on every row)."""
    return _abbreviations(get_language())


@lru_cache(maxsize=8)
def _abbreviations(language: str | None) -> Mapping[str, str]:
    found = {t.abbreviation: str(t.term) for t in TERMS if t.abbreviation}
    found.update({short: str(full) for short, full in OTHER_ABBREVIATIONS.items()})
    return MappingProxyType(found)
