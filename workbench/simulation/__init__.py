"""Simulation of the kecamatan's service counters, for role-play workshops and planning.

A trainer's summary of the model (details in the modules named in brackets):

* **The office** opens and closes at fixed times on each simulated day, with a midday break in
  which no counter serves; visitors who arrive during the break wait. Nobody new comes in after
  closing, but everyone already waiting is served; the extra time is reported as overtime
  (:mod:`~workbench.simulation.scenario`).
* **Visitors** arrive at random: a Poisson process whose rate is set per clock hour and weekday
  (busier Monday mornings), plus online appointment holders who booked a slot, some of whom do
  not come and who arrive a little early or late. Each visitor comes for one service from the
  catalogue; the service decides how long the counter takes (exponential, lognormal,
  triangular, fixed or drawn from observed times). Some are priority visitors (lansia,
  disabilitas, ibu hamil) who are called first. Each has a patience: whoever waits longer leaves,
  and some who see a long queue do not join at all.
* **Counters** serve the services assigned to them, along their officer's shifts, breaks and
  absences, from one shared ticket queue or a queue each. Disruptions close a counter or take
  the registration system down, so services that need it cannot start.
* **Randomness** is explicit: ``simulate(scenario, replications, seed)`` gives the same result
  for the same seed, and scenarios compared with the same seed meet the same visitors (common
  random numbers), so differences come from the policy, not luck
  (:mod:`~workbench.simulation.model`).
* **Results** are one row per visitor per replication, and KPIs averaged over replications with
  95% confidence intervals (:mod:`~workbench.simulation.results`).
* **Checks**: for a textbook office (:meth:`Scenario.mmc`) the simulated waits agree with
  queueing theory (:mod:`~workbench.simulation.theory`, Erlang C) within sampling error.

Example::

    from workbench.simulation import Scenario, simulate
    sc = Scenario.from_yaml("scenarios/selasa-biasa.yaml")
    result = simulate(sc, replications=30, seed=1)
    result.summary()
"""

from workbench.simulation import theory
from workbench.simulation.results import SimulationResult
from workbench.simulation.runner import simulate
from workbench.simulation.scenario import (
    Appointments,
    Arrivals,
    Balking,
    Counter,
    Disruption,
    Duration,
    Period,
    Scenario,
    Service,
)

__all__ = [
    "Appointments",
    "Arrivals",
    "Balking",
    "Counter",
    "Disruption",
    "Duration",
    "Period",
    "Scenario",
    "Service",
    "SimulationResult",
    "simulate",
    "theory",
]
