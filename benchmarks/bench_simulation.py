"""Speed of the service-counter simulation, as ratios (run: python benchmarks/bench_simulation.py).

1. M/M/3 with 40 arrivals per hour and 4-minute services (utilisation 0.89), about 100,000
   visitors, simulated by :func:`workbench.simulation.simulate` (records included), by Ciw on the
   same case, and by a bare SimPy ``Resource`` loop (pre-drawn random numbers, waits kept in a
   list): visitors simulated per second for each, and the ratios. Targets: at least 2x Ciw,
   within 1.5x of the bare SimPy loop (ratio >= 0.67).
2. One office day x 30 replications of a scenario card (``selasa-biasa`` by default), end to
   end; target under 0.3 s on one core.

Each measurement is the best of a few runs, to keep other work on the machine out of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import simpy
from timing import best_of  # benchmarks/timing.py, beside this script

from workbench.simulation import Scenario, simulate

LAMBDA_PER_HOUR, SERVICE_MINUTES, COUNTERS = 40.0, 4.0, 3
ROOT = Path(__file__).resolve().parents[1]


def workbench_mmc(visitors: int) -> int:
    hours = visitors / LAMBDA_PER_HOUR
    sc = Scenario.mmc(
        arrivals_per_hour=LAMBDA_PER_HOUR,
        mean_service_minutes=SERVICE_MINUTES,
        counters=COUNTERS,
        hours=hours,
    )
    return len(simulate(sc, replications=1, seed=1).records)


def bare_simpy(visitors: int) -> int:
    rng = np.random.default_rng(1)
    gaps = rng.exponential(60.0 / LAMBDA_PER_HOUR, visitors).tolist()
    services = rng.exponential(SERVICE_MINUTES, visitors).tolist()
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=COUNTERS)
    waits: list[float] = []

    def visitor(service: float):
        arrived = env.now
        with desk.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(service)

    def source():
        for gap, service in zip(gaps, services, strict=True):
            yield env.timeout(gap)
            env.process(visitor(service))

    env.process(source())
    env.run()
    return len(waits)


def ciw_mmc(visitors: int) -> int:
    import ciw

    ciw.seed(1)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=LAMBDA_PER_HOUR / 60.0)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / SERVICE_MINUTES)],
        number_of_servers=[COUNTERS],
    )
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(visitors * 60.0 / LAMBDA_PER_HOUR)
    return len(sim.get_all_records())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=100_000)
    parser.add_argument("--card", default=str(ROOT / "scenarios" / "selasa-biasa.yaml"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    rates = {}
    for name, fn, runs in (
        ("workbench", workbench_mmc, args.runs),
        ("simpy_bare", bare_simpy, args.runs),
        ("ciw", ciw_mmc, min(args.runs, 2)),
    ):
        seconds, count = best_of(runs, lambda fn=fn: fn(args.visitors))
        rates[name] = count / seconds
        print(
            f"M/M/3 {name:<11} {count:>7} pengunjung {seconds:6.2f} s "
            f"{rates[name]:>10,.0f} pengunjung/detik"
        )
    vs_ciw = rates["workbench"] / rates["ciw"]
    vs_simpy = rates["workbench"] / rates["simpy_bare"]
    print(f"rasio workbench/ciw        = {vs_ciw:5.2f}  (target >= 2.00)")
    print(f"rasio workbench/simpy_bare = {vs_simpy:5.2f}  (target >= 0.67)")

    card = Scenario.from_yaml(args.card)
    seconds, result = best_of(args.runs, lambda: simulate(card, replications=30, seed=1))
    per_day = len(result.records) / 30 / len(card.days)
    print(
        f"kartu '{card.name}': {len(card.days)} hari x 30 replikasi "
        f"({per_day:.0f} pengunjung/hari) dalam {seconds:.3f} s (target < 0.300 s)"
    )
    seconds_kpi, _ = best_of(args.runs, result.summary)
    print(f"  ringkasan KPI (summary) {seconds_kpi:.3f} s tambahan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
