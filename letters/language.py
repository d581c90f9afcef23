"""German grammar the letters need (pure): authority names in their case,
punctuation left behind by joined sentences."""

from __future__ import annotations

import re

# Adjective endings before "Jobcenter" (neuter): nominative/accusative "-e"
# after the definite article, genitive and dative "-en".
_ADJECTIVE = re.compile(r"^(?P<adj>[A-ZÄÖÜ][a-zäöüß]+)es\s+(?=Jobcenter\b)")


def _decline_adjective(name: str, ending: str) -> str:
    return _ADJECTIVE.sub(lambda m: f"{m['adj']}{ending} ", name, count=1)


def jobcenter_phrase(name: str, case: str) -> str:
    """The Jobcenter's name with its article in the grammatical ``case``
    ("nom", "acc", "dat", "gen"): ``des Jobcenters Köln``,
    ``das Kommunale Jobcenter Hamm``, ``dem Jobcenter „Pro Arbeit“``."""
    article = {"nom": "das", "acc": "das", "dat": "dem", "gen": "des"}[case]
    if not re.search(r"\bJobcenter\b", name):
        noun = "Jobcenters" if case == "gen" else "Jobcenter"
        return f"{article} {noun} „{name}“"
    if case in {"nom", "acc"}:
        return f"{article} {_decline_adjective(name, 'e')}"
    declined = _decline_adjective(name, "en")
    if case == "gen":
        declined = re.sub(r"\bJobcenter\b", "Jobcenters", declined, count=1)
    return f"{article} {declined}"


_DOUBLED_STOP = re.compile(r"(?<![.])\.\s*\.(?![.])")
_SPACE_BEFORE_STOP = re.compile(r"[ \t]+([.,;:])")


def tidy(text: str) -> str:
    """Remove doubled full stops ("… erhoben.." or "… erhoben. .") and spaces
    before punctuation that joined sentences leave; an ellipsis stays."""
    text = _DOUBLED_STOP.sub(".", text)
    text = _SPACE_BEFORE_STOP.sub(r"\1", text)
    return text


def sentence(text: str) -> str:
    """``text`` as a sentence: stripped, ending in one full stop (or its own ! ?)."""
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else f"{text}."
