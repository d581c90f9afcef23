"""Who supervises a Jobcenter's data protection (pure, no database)."""

from __future__ import annotations

import pytest

from advocacy.models import Bundesland
from cases.routing import FEDERAL, supervising_dpa


@pytest.mark.parametrize("state", Bundesland.values)
def test_joint_facility_is_supervised_by_the_bfdi_in_every_land(state):
    # § 81 Abs. 1 Nr. 1 SGB X, § 50 Abs. 4 SGB II
    supervision = supervising_dpa(jobcenter_kind="gE", state=state)
    assert supervision.level == FEDERAL
    assert "§ 50 Abs. 4" in supervision.reason


@pytest.mark.parametrize("state", Bundesland.values)
def test_licensed_municipal_body_is_supervised_by_its_land(state):
    # § 6a SGB II: a body of the Land, its commissioner supervises
    assert supervising_dpa(jobcenter_kind="zkT", state=state).level == state


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown Jobcenter kind"):
        supervising_dpa(jobcenter_kind="ARGE", state="BE")
