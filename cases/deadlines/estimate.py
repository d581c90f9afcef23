"""The estimated Widerspruchsfrist of a Bescheid known only by its date.

Pure: no database. The public intake and the inbox know the date printed on
the Bescheid and perhaps the Jobcenter, nothing else. The estimate chains the
two rules of the engine in ``compute`` that a recorded Bescheid uses too:
posting assumed on the date of the Bescheid, notification by § 37 Abs. 2
SGB X, then one month by § 84 Abs. 1 SGG with § 64 SGG. It is an estimate:
the real posting date, a later receipt or a missing Rechtsbehelfsbelehrung
(§ 66 Abs. 2 SGG) change it, and the case's deadline is what counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cases.deadlines.compute import Context, compute


@dataclass(frozen=True)
class ObjectionEstimate:
    notified_on: date
    due_on: date
    steps: list[str]

    def days_left(self, today: date) -> int:
        """Days from ``today`` to the last day (0 = today is the last day, negative = past)."""
        return (self.due_on - today).days


def objection_estimate(
    dated_on: date, *, region: str | None = None, observes_catholic_holidays: bool = False
) -> ObjectionEstimate:
    """Widerspruchsfrist if the Bescheid was posted on the day it is dated."""
    seat: Context = {"region": region, "observes_catholic_holidays": observes_catholic_holidays}
    notification = compute("notification", dated_on, **seat)
    objection = compute("objection", notification.due_on, **seat)
    return ObjectionEstimate(
        notified_on=notification.due_on,
        due_on=objection.due_on,
        steps=[*notification.steps, *objection.steps],
    )
