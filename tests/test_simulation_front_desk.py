"""Multi-step service: papers checked at a front desk before the counter."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.errors import WorkbenchError
from workbench.simulation import Duration, Scenario, Service, simulate, theory
from workbench.simulation.front_desk import FrontDesk


def desk_only(desk: FrontDesk, hours: float = 300) -> Scenario:
    """40 visitors per hour, a desk, and a counter so fast that only the desk makes anyone
    wait: the desk alone is the queue."""
    sc = Scenario.mmc(arrivals_per_hour=40, mean_service_minutes=1, counters=1, hours=hours)
    instant = Service("Layanan", 1.0, Duration("tetap", mean=0.001), needs_system=False)
    return sc.replace(services=(instant,), front_desk=desk)


def test_desk_queue_agrees_with_erlang_c():
    """With three desk officers and exponential 4-minute checks, is the wait to the counter the
    Erlang C queue wait (9.57 minutes) plus the 4-minute check, within sampling error?"""
    desk = FrontDesk(officers=3, check=Duration("eksponensial", mean=4))
    rec = simulate(desk_only(desk), replications=6, seed=4).records
    per = rec.groupby("replikasi")["tunggu"].mean()
    expected = theory.mean_wait(40, 4, 3) + 4.0
    assert abs(per.mean() - expected) < 4 * per.std(ddof=1) / np.sqrt(len(per)) + 0.3


def test_incomplete_papers_are_sent_home_or_come_back():
    """Do 30% of visitors go home when nobody comes back, nobody when everyone comes back
    (later, so their wait includes the time away), and are the visitors the same either way?"""
    away = FrontDesk(officers=2, incomplete=0.3, come_back=0.0)
    rec = simulate(desk_only(away, hours=100), replications=4, seed=6).records
    share_gone = (rec["status"] == "pergi").mean()
    n = len(rec)
    assert abs(share_gone - 0.3) < 4 * (0.21 / n) ** 0.5
    back = FrontDesk(
        officers=2, incomplete=0.3, come_back=1.0, back_after=Duration("tetap", mean=30)
    )
    again = simulate(desk_only(back, hours=100), replications=4, seed=6).records
    assert np.allclose(again["datang"], rec["datang"])  # the same visitors
    assert (again["status"] == "dilayani").mean() > 0.99
    was_sent = rec["status"].to_numpy() == "pergi"  # same papers in both runs (same seed)
    served = again["status"].to_numpy() == "dilayani"  # (too late to come back: went home)
    assert (again["tunggu"].to_numpy()[was_sent & served] >= 30).all()
    assert (again["tunggu"].to_numpy()[~was_sent] < 30).mean() > 0.9


def test_front_desk_round_trips_and_is_checked():
    """Is the desk written to a card and read back, and is a desk without officers refused?"""
    sc = Scenario.from_yaml("selasa-biasa").replace(
        front_desk=FrontDesk(officers=1, incomplete=0.15, come_back=0.5)
    )
    assert Scenario.from_dict(sc.to_dict()) == sc
    assert sc.to_dict()["meja_depan"]["tidak_lengkap"] == 0.15
    with pytest.raises(WorkbenchError, match="petugas meja depan"):
        sc.replace(front_desk=FrontDesk(officers=0))
    with pytest.raises(WorkbenchError, match="berkas tidak lengkap"):
        sc.replace(front_desk=FrontDesk(incomplete=1.5))
