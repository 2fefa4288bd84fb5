#!/usr/bin/env python3
"""agentgov's drift statistics against Evidently's (issue 9): same values, and throughput.

    python3 scripts/bench/drift_vs_evidently.py [--pairs 2000] [--seed 9] [--out bench-drift-evidently.json]

What it does, in order:

1. Makes sure Evidently is installed: a virtual environment .venv/evidently (created with
   ``python3 -m venv`` when missing, reinstalled from scripts/bench/requirements-evidently.txt when that
   file changes) and re-runs itself under that environment's Python.
2. Generates a deterministic synthetic input of N per-agent feature pairs shaped like agentgov's
   ``agent_daily_features`` (docs/drift.md): for each agent, the six drift-tested categorical mixes
   (3 to 12 categories, counts per category) and seven binned quantities (10 to 20 consecutive bins of
   agentgov's own binnings: the 1-2-5 series at log10 of each bin's geometric middle, and the
   confidence bins at their midpoints). The reference is a baseline window of 8 to 20 days, the
   current one day; about 30% of the agents drift in about half of their features (a rare category
   taking over, a new category, a shifted or widened quantity). Written as the TSV that
   io.agentgov.calibration.bench.DriftStatisticsBench reads (format in its class comment).
3. Runs the Java bench (``java -cp calibration/target/classes:<commons-math3 jar> ...``), which
   computes each pair's statistics with agentgov's classes (Divergence, TwoSampleKs,
   ContingencyTest), times the computation after an untimed warm-up pass and writes every value.
4. Computes the same statistics with Evidently's registered stattests (evidently 0.7's
   ``evidently.legacy.calculations.stattests``: psi, jensenshannon, chisquare, ks, wasserstein; the
   ones Evidently's ValueDrift / DataDriftPreset metrics call), on samples expanded from the same
   counts, timed the same way: an untimed warm-up pass, then the stattest calls only.
5. Compares per statistic (largest absolute difference, how many pairs agree within 1e-6), explains
   every definition that differs, and where a documented conversion exists compares after it too.
   Prints a table and writes a JSON report.

Timing, both sides: computation only. Not the JVM start, Python imports, reading or writing files,
nor (Evidently) building the pandas Series from the counts: Evidently's stattests take raw samples,
which an Evidently user has already, while agentgov works on mergeable counts. Building the Series is
therefore left out of Evidently's time, to Evidently's advantage.

Nothing here is tuned to make values agree: the generator's parameters model the features, and every
difference found is reported with its cause.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "evidently"
REQUIREMENTS = Path(__file__).resolve().with_name("requirements-evidently.txt")
STAMP = VENV / ".stamp"
BENCH_CLASS = "io.agentgov.calibration.bench.DriftStatisticsBench"
CLASSES = ROOT / "calibration" / "target" / "classes"
BENCH_SOURCE = ROOT / "calibration" / "src" / "main" / "java" / "io" / "agentgov" / "calibration" / "bench" / \
    "DriftStatisticsBench.java"
COMMONS_MATH = Path.home() / ".m2" / "repository" / "org" / "apache" / "commons" / "commons-math3" / "3.6.1" / \
    "commons-math3-3.6.1.jar"
TOLERANCE = 1e-6
WITHIN = "within_1e-6"  # the JSON key of the count within TOLERANCE
TARGET_RATIO = 5.0


# --------------------------------------------------------------------------------------------------
# 1. The Evidently environment
# --------------------------------------------------------------------------------------------------

def requirements_digest() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:16]


def ensure_environment() -> None:
    """Creates or refreshes .venv/evidently, then re-executes this script with its Python."""
    python = VENV / "bin" / "python"
    fresh = STAMP.exists() and STAMP.read_text().strip() == requirements_digest()
    if not python.exists() or not fresh:
        print(f"drift_vs_evidently: installing {REQUIREMENTS.name} into {VENV} ...", flush=True)
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
                        str(REQUIREMENTS)], check=True)
        STAMP.write_text(requirements_digest() + "\n")
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


# --------------------------------------------------------------------------------------------------
# 2. Synthetic per-agent feature pairs
# --------------------------------------------------------------------------------------------------

# The drift-tested mixes of agent_daily_features (docs/drift.md) with plausible category names; the
# first item says whether one observation is an event or a session (hour_mix counts sessions).
MIXES = {
    "action_type_mix": ("event", ["read", "search", "create", "update", "send", "approve", "delete", "transfer",
                                  "export", "schedule", "classify", "summarize"]),
    "target_system_mix": ("event", ["crm", "erp", "mail", "ticketing", "payments", "hr", "docs", "calendar",
                                    "billing", "identity", "warehouse", "marketing-automation"]),
    "tool_mix": ("event", ["crm.search", "crm.update", "mail.send", "docs.read", "erp.post", "pay.transfer",
                           "ticket.create", "ticket.close", "cal.book", "hr.lookup", "id.grant", "(none)"]),
    "hour_mix": ("session", [f"{h:02d}" for h in range(24)]),
    "outcome_mix": ("event", ["success", "error", "blocked", "timeout"]),
    "oversight_mix": ("event", ["none", "approved", "rejected", "modified", "auto"]),
}


def decades125():
    """agentgov's 1-2-5 bins (Distribution.Bins.decades125): edges 0, 1, 2, 5, ... 1e9; positions are
    log10 of each bin's geometric middle, -0.5 for [0,1) and log10(1e9) + 0.5 for the open top."""
    edges = [0.0]
    decade = 1.0
    while decade <= 1e9:
        edges.append(decade)
        if decade < 1e9:
            edges += [2 * decade, 5 * decade]
        decade *= 10
    positions = [-0.5]
    for i in range(1, len(edges)):
        positions.append(math.log10(math.sqrt(edges[i] * edges[i + 1])) if i + 1 < len(edges)
                         else math.log10(edges[i]) + 0.5)
    return positions


def confidence_bins():
    """agentgov's confidence bins (Distribution.Bins.confidence): tenths up to 0.5, then steps of 0.02;
    positions are bin midpoints."""
    edges = [i / 10 for i in range(5)] + [i / 50 for i in range(25, 50)]
    return [(edges[i] + (edges[i + 1] if i + 1 < len(edges) else 1.0)) / 2 for i in range(len(edges))]


D125 = decades125()
CONF = confidence_bins()
# Binned quantities: (observation, positions, centre bin range, spread range in bins). The centres
# put the mass where such quantities live (latency ~ 100 ms to 10 s: bins 10 to 20; records mostly
# 1 to 20; confidence 0.85 to 0.97).
BINNED = {
    "latency_ms": ("event", D125, (10.0, 20.0), (1.0, 2.5)),
    "amount": ("event", D125, (8.0, 20.0), (1.5, 3.0)),
    "records_affected": ("event", D125, (1.0, 7.0), (0.3, 1.2)),
    "confidence": ("event", CONF, (20.0, 27.0), (1.5, 3.0)),
    "actions_per_session": ("session", D125, (2.0, 7.0), (0.8, 1.5)),
    "input_tokens_per_session": ("session", D125, (9.0, 15.0), (1.0, 2.0)),
    "output_tokens_per_session": ("session", D125, (7.0, 13.0), (1.0, 2.0)),
}
FEATURES = list(MIXES) + list(BINNED)


class Pair:
    """One agent's reference and current counts for one distribution."""

    __slots__ = ("id", "kind", "reference", "current", "axis", "drifted")

    def __init__(self, pair_id, kind, reference, current, axis, drifted):
        self.id = pair_id
        self.kind = kind  # "mix" or "binned"
        self.reference = reference  # numpy int64 array
        self.current = current
        self.axis = axis  # category labels (mix) or float positions (binned)
        self.drifted = drifted


def generate(n_pairs: int, seed: int):
    """N pairs, agent by agent (13 features each), deterministic in the seed."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pairs = []
    agent = 0
    while len(pairs) < n_pairs:
        agent += 1
        daily_events = math.exp(rng.uniform(math.log(30), math.log(2500)))
        events_per_session = rng.uniform(2, 8)
        days = int(rng.integers(8, 21))  # a weekday window has ~20 days of its type, a weekend one ~8
        drifting_agent = rng.random() < 0.3
        for feature in FEATURES:
            if len(pairs) == n_pairs:
                break
            drifted = drifting_agent and rng.random() < 0.5
            pair_id = f"ag-{agent:04d}/{feature}"
            if feature in MIXES:
                pairs.append(mix_pair(rng, pair_id, feature, daily_events, events_per_session, days, drifted))
            else:
                pairs.append(binned_pair(rng, pair_id, feature, daily_events, events_per_session, days, drifted))
    return pairs


def daily_volume(level, daily_events, events_per_session):
    """Observations a day: events, or sessions for the session-level distributions."""
    return daily_events if level == "event" else daily_events / events_per_session


def sample_window(rng, probs, per_day, days):
    """Counts of a window of days: each day's size varies (log-normal, sd 0.3) and its shares wobble
    (each share × a log-normal factor, sd 0.15), as real traffic is over-dispersed."""
    import numpy as np

    total = np.zeros(len(probs), dtype=np.int64)
    for _ in range(days):
        size = int(round(per_day * rng.lognormal(0.0, 0.3)))
        p = probs * rng.lognormal(0.0, 0.15, len(probs))
        total += rng.multinomial(size, p / p.sum())
    return total


def current_day(rng, probs, per_day):
    import numpy as np

    # The drift job tests a distribution only with at least 30 observations tonight.
    size = max(30, int(round(per_day * rng.lognormal(0.0, 0.2))))
    p = probs * rng.lognormal(0.0, 0.15, len(probs))
    return rng.multinomial(size, p / p.sum()).astype(np.int64)


def mix_pair(rng, pair_id, feature, daily_events, events_per_session, days, drifted):
    import numpy as np

    level, vocabulary = MIXES[feature]
    k = int(rng.integers(3, min(12, len(vocabulary)) + 1))
    if feature == "hour_mix":
        start = int(rng.integers(0, 24 - k + 1))  # working hours: consecutive
        labels = vocabulary[start:start + k]
    else:
        labels = [str(x) for x in rng.choice(vocabulary, size=k, replace=False)]
    probs = np.sort(rng.dirichlet(np.full(k, 0.8)))[::-1].copy()
    probs = np.maximum(probs, 1e-3)
    if rng.random() < 0.3:
        # Rare categories: a tool called a handful of times in a month.
        rare = int(rng.integers(1, min(2, k - 2) + 1))
        probs[-rare:] = 10 ** rng.uniform(-5, -3, rare)
    probs /= probs.sum()
    reference_probs = probs.copy()
    current_probs = probs.copy()
    if drifted:
        change = rng.integers(0, 3)
        if change == 0:  # a rare category becomes dominant (the planted "rare action type" drift)
            current_probs[-1] = rng.uniform(0.4, 0.7)
        elif change == 1:  # a category unused in the baseline takes a share (a new target system)
            reference_probs[-1] = 0.0
            current_probs[-1] = rng.uniform(0.1, 0.3)
        else:  # mass moves between the two largest categories
            moved = current_probs[0] * rng.uniform(0.3, 0.6)
            current_probs[0] -= moved
            current_probs[1] += moved
        current_probs /= current_probs.sum()
        reference_probs /= reference_probs.sum()
    per_day = daily_volume(level, daily_events, events_per_session)
    reference = sample_window(rng, reference_probs, per_day, days)
    current = current_day(rng, current_probs, per_day)
    # agentgov's mixes hold only categories seen in the baseline or tonight (DriftTests.mix takes the
    # union of the two maps' keys), so drop categories empty in both.
    seen = (reference + current) > 0
    if seen.sum() < 2:  # no comparison possible with one category: keep the first two
        seen[:2] = True
    return Pair(pair_id, "mix", reference[seen], current[seen], [lab for lab, s in zip(labels, seen) if s], drifted)


def binned_pair(rng, pair_id, feature, daily_events, events_per_session, days, drifted):
    import numpy as np

    level, positions, centre_range, spread_range = BINNED[feature]
    k = int(rng.integers(10, 21))
    centre = rng.uniform(*centre_range)
    spread = rng.uniform(*spread_range)
    first = int(min(max(0, round(centre - k / 2)), len(positions) - k))
    index = np.arange(first, first + k)

    def shape(c, s):
        p = np.exp(-0.5 * ((index - c) / s) ** 2)
        return p / p.sum()

    reference_probs = shape(centre, spread)
    current_probs = reference_probs
    if drifted:
        if rng.random() < 0.6:  # the quantity moves by one to three bins (e.g. a slower model)
            current_probs = shape(centre + rng.choice([-1, 1]) * rng.uniform(0.7, 2.5), spread)
        else:  # it spreads out
            current_probs = shape(centre, spread * rng.uniform(1.6, 2.5))
    per_day = daily_volume(level, daily_events, events_per_session)
    reference = sample_window(rng, reference_probs, per_day, days)
    current = current_day(rng, current_probs, per_day)
    return Pair(pair_id, "binned", reference, current, [positions[i] for i in index], drifted)


def write_input(pairs, path: Path, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# agentgov drift statistics bench input, version 1 (scripts/bench/drift_vs_evidently.py, "
                f"seed {seed}, {len(pairs)} pairs)\n")
        f.write("# kind\tid\treference_counts\tcurrent_counts\taxis\n")
        for p in pairs:
            # repr() of a float is the shortest text that reads back as the same double in Java too.
            axis = ",".join(p.axis) if p.kind == "mix" else ",".join(repr(float(x)) for x in p.axis)
            f.write(f"{p.kind}\t{p.id}\t{','.join(map(str, p.reference))}\t{','.join(map(str, p.current))}\t"
                    f"{axis}\n")


# --------------------------------------------------------------------------------------------------
# 3. agentgov (Java)
# --------------------------------------------------------------------------------------------------

def ensure_compiled() -> None:
    """The bench class must be compiled; compile the calibration module (only) if it is missing or stale."""
    compiled = CLASSES / "io" / "agentgov" / "calibration" / "bench" / "DriftStatisticsBench.class"
    if compiled.exists() and compiled.stat().st_mtime >= BENCH_SOURCE.stat().st_mtime:
        return
    print("drift_vs_evidently: compiling the calibration module (mvn -B -q -pl calibration compile) ...", flush=True)
    subprocess.run(["mvn", "-B", "-q", "-pl", "calibration", "compile"], cwd=ROOT, check=True)


def run_agentgov(input_path: Path, output_path: Path, warmup_passes: int, passes: int):
    if not COMMONS_MATH.exists():
        sys.exit(f"drift_vs_evidently: {COMMONS_MATH} is missing; build once with Maven to fetch it")
    ensure_compiled()
    command = ["java", "-cp", f"{CLASSES}{os.pathsep}{COMMONS_MATH}", BENCH_CLASS,
               "--warmup-passes", str(warmup_passes), "--passes", str(passes), str(input_path), str(output_path)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    values = {}
    timing = None
    with output_path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# pairs="):
                timing = dict(item.split("=", 1) for item in line[2:].split(" timing=")[0].split())
            elif line.startswith("#") or line == "id\tstatistic\tvalue":
                continue
            else:
                pair_id, statistic, value = line.split("\t")
                values.setdefault(pair_id, {})[statistic] = float(value)
    if timing is None:
        sys.exit(f"drift_vs_evidently: no timing line in {output_path}")
    return values, {"pairs": int(timing["pairs"]), "seconds": float(timing["seconds"]),
                    "pairs_per_second": float(timing["pairs_per_second"])}, command


# --------------------------------------------------------------------------------------------------
# 4. Evidently
# --------------------------------------------------------------------------------------------------

def evidently_pass(pairs, rng_seed):
    """Evidently's stattests on every pair; returns (values per pair, seconds spent in the stattests).

    Each pair's counts are expanded into raw samples (a mix into its category labels, a binned pair
    into its bin positions) and shuffled, as raw data would come; that is not timed. The stattests are
    called through their StatTest objects, as Evidently's drift metrics do (legacy/calculations/
    data_drift.py get_one_column_drift → stattest(reference, current, feature_type, threshold)), with
    the default thresholds. Their drift_score is the value compared.
    """
    import numpy as np
    import pandas as pd
    from evidently.legacy.calculations.stattests import chi_stat_test
    from evidently.legacy.calculations.stattests import jensenshannon_stat_test
    from evidently.legacy.calculations.stattests import ks_stat_test
    from evidently.legacy.calculations.stattests import psi_stat_test
    from evidently.legacy.calculations.stattests import wasserstein_stat_test
    from evidently.legacy.core import ColumnType

    rng = np.random.default_rng(rng_seed)
    values = {}
    seconds = 0.0
    clock = time.perf_counter
    for p in pairs:
        if p.kind == "mix":
            axis = np.array(p.axis, dtype=object)
        else:
            axis = np.array(p.axis, dtype=np.float64)
        reference = pd.Series(rng.permutation(np.repeat(axis, p.reference)))
        current = pd.Series(rng.permutation(np.repeat(axis, p.current)))
        if p.kind == "mix":
            start = clock()
            psi = psi_stat_test(reference, current, ColumnType.Categorical, None).drift_score
            js = jensenshannon_stat_test(reference, current, ColumnType.Categorical, None).drift_score
            chi = chi_stat_test(reference, current, ColumnType.Categorical, None).drift_score
            seconds += clock() - start
            values[p.id] = {"psi": float(psi), "js_distance": float(js), "chi2_p": float(chi)}
        else:
            start = clock()
            ks = ks_stat_test(reference, current, ColumnType.Numerical, None).drift_score
            wasserstein = wasserstein_stat_test(reference, current, ColumnType.Numerical, None).drift_score
            seconds += clock() - start
            values[p.id] = {"ks_p": float(ks), "wasserstein_norm": float(wasserstein),
                            # Not timed: what the conversions below need. Evidently's normaliser (its
                            # wasserstein_distance_norm.py: max(np.std(reference), 0.001)) and the D of
                            # scipy.stats.ks_2samp, the function its ks stattest calls (it returns only
                            # the p-value).
                            "norm": max(float(np.std(reference)), 0.001),
                            "reference_sd": float(np.std(reference))}
    return values, seconds


def scipy_ks_details(pairs):
    """For each binned pair: scipy.stats.ks_2samp's D and method on the expanded samples, and the
    limiting Kolmogorov p-value kstwobign.sf(D·√(nm/(n+m))) (agentgov's definition) from scipy."""
    import numpy as np
    from scipy import stats

    details = {}
    for p in pairs:
        if p.kind != "binned":
            continue
        axis = np.array(p.axis, dtype=np.float64)
        reference = np.repeat(axis, p.reference)
        current = np.repeat(axis, p.current)
        n, m = len(reference), len(current)
        d = float(stats.ks_2samp(reference, current).statistic)
        details[p.id] = {"d": d, "method": "exact" if max(n, m) <= 10000 else "asymp",
                         "kolmogorov_p": float(stats.kstwobign.sf(d * math.sqrt(n * m / (n + m))))}
    return details


# --------------------------------------------------------------------------------------------------
# 5. Comparison
# --------------------------------------------------------------------------------------------------

def agreement(pairs_ids, ours, theirs, description):
    """Largest absolute difference and count within TOLERANCE over the ids where both values exist."""
    diffs = []
    non_finite = 0
    for i in pairs_ids:
        a, b = ours(i), theirs(i)
        if a is None or b is None:
            continue
        if not (math.isfinite(a) and math.isfinite(b)):
            non_finite += 1
            diffs.append(math.inf if a != b else 0.0)
            continue
        diffs.append(abs(a - b))
    within = sum(1 for d in diffs if d <= TOLERANCE)
    finite = [d for d in diffs if math.isfinite(d)]
    return {"description": description, "compared": len(diffs),
            "max_abs_diff": max(finite) if finite else None,
            WITHIN: within, "non_finite": non_finite}


def psi_floors_agree(p) -> bool:
    """Whether Evidently's empty-bin floor equals agentgov's 1e-4 for this pair (see the PSI note)."""
    for counts in (p.reference, p.current):
        total = counts.sum()
        if (counts == 0).any():
            smallest = counts[counts > 0].min() / total
            if smallest <= 1e-4:
                return False
    return True


NOTES = {
    "psi": (
        "Same formula, sum over categories of (q - p) * ln(q / p), over the categories seen in either sample "
        "(Evidently legacy/calculations/stattests/psi.py _psi on utils.get_binned_data(feel_zeroes=True); agentgov "
        "Divergence.psi). They differ only in the floor put in place of a zero share: agentgov always 1e-4 "
        "(Divergence.PSI_EMPTY_BIN_FLOOR); Evidently 1e-4 unless that sample's smallest non-zero share is <= 1e-4, "
        "then that share / 10^6. The floor enters inside the logarithm, so no formula converts one PSI into the "
        "other; the pairs where the floors coincide are compared separately and must agree."),
    "jensen_shannon": (
        "Same definition: Evidently legacy/calculations/stattests/jensenshannon.py _jensenshannon calls "
        "scipy.spatial.distance.jensenshannon(reference shares, current shares, base=None), i.e. natural logarithm, "
        "no floor (get_binned_data(feel_zeroes=False)), and returns the distance sqrt(JSD), as agentgov "
        "Divergence.jensenShannonDistance. No conversion needed (the divergence would be distance^2; base 2 would "
        "divide the distance by sqrt(ln 2))."),
    "chi_square": (
        "Different tests, compared as p-values. Evidently legacy/calculations/stattests/chisquare_stattest.py "
        "_chi_stat_test is a goodness-of-fit test: scipy.stats.chisquare(f_obs = current counts, f_exp = reference "
        "counts * n_cur / n_ref), statistic (1/(n m)) sum_j (m c_j - n r_j)^2 / r_j with df = k - 1, the reference "
        "shares taken as exact; a category absent from the reference gives f_exp = 0, an infinite statistic and "
        "p = 0. agentgov ContingencyTest.chiSquare is Pearson's homogeneity test of the 2 x k table (both samples "
        "random): (1/(n m)) sum_j (m c_j - n r_j)^2 / (r_j + c_j), df = k - 1; and the drift job's p-value "
        "(the first row) is on bins pooled by Cochran's rule (ContingencyTest.poolSparse, smallest expected count "
        "5, as DriftTests.mix). The two tests agree only as the reference grows (r_j + c_j -> r_j); no conversion "
        "of one p-value into the other exists, so this statistic is reported as differing, with the unpooled "
        "agentgov p-value beside it and how often both sides decide alike at 0.05."),
    "ks": (
        "Same statistic D, different p-value. Evidently legacy/calculations/stattests/ks_stattest.py _ks_stat_test "
        "returns only the p-value of scipy.stats.ks_2samp(reference, current) with method='auto': exact when both "
        "samples have at most 10,000 values, else Smirnov's form kstwo.sf(D, round(n m / (n + m))). agentgov "
        "TwoSampleKs.testBinned uses the limiting Kolmogorov distribution at D * sqrt(n m / (n + m)) (Commons Math "
        "KolmogorovSmirnovTest.approximateP) at every size. Binned vs raw samples is not a difference here: the "
        "expanded samples hold one distinct value per bin, so the raw-sample D equals the binned D (TwoSampleKs "
        "javadoc). Both p-values assume continuous data, which binned data are not (conservative, Conover 1972). "
        "Aligned: agentgov's D against ks_2samp's D, and agentgov's p against scipy.stats.kstwobign.sf at the same "
        "point (agentgov's definition computed by scipy)."),
    "wasserstein": (
        "Same distance, different floor of the normaliser. Evidently legacy/calculations/stattests/"
        "wasserstein_distance_norm.py _wasserstein_distance_norm: scipy.stats.wasserstein_distance(reference, "
        "current) / max(np.std(reference), 0.001) (population SD). agentgov: TwoSampleKs.wasserstein1Binned on the "
        "bin positions / max(population SD of the reference on the positions, half the narrowest gap between "
        "positions) (DriftTests.numeric). They agree when the reference SD is at least both floors; a reference "
        "in one bin (SD 0) is divided by 0.001 in Evidently and by half a bin gap in agentgov. Conversion: "
        "Evidently's value times its normaliser is the raw W1, compared with agentgov's raw W1."),
}


def compare(pairs, ours, theirs, ks_scipy):
    mixes = [p.id for p in pairs if p.kind == "mix"]
    binned = [p.id for p in pairs if p.kind == "binned"]
    by_id = {p.id: p for p in pairs}

    def o(stat):
        return lambda i: ours.get(i, {}).get(stat)

    def t(stat):
        return lambda i: theirs.get(i, {}).get(stat)

    def count(ids, stat):
        return sum(1 for i in ids if stat in ours.get(i, {}))

    def decided_alike(stat):
        both = [i for i in mixes if stat in ours.get(i, {}) and math.isfinite(theirs[i]["chi2_p"])]
        same = sum(1 for i in both if (ours[i][stat] <= 0.05) == (theirs[i]["chi2_p"] <= 0.05))
        return {"compared": len(both), "same_decision_at_0.05": same}

    floors_agree = [i for i in mixes if psi_floors_agree(by_id[i])]
    floors_differ = [i for i in mixes if not psi_floors_agree(by_id[i])]
    floors_ok = [i for i in binned
                 if theirs[i]["reference_sd"] >= 0.001 and abs(ours[i]["reference_spread"] - theirs[i]["reference_sd"])
                 <= 1e-12 * max(1.0, theirs[i]["reference_sd"])]
    asymp = [i for i in binned if ks_scipy[i]["method"] == "asymp"]

    stats = {}
    main = agreement(mixes, o("psi"), t("psi"), "agentgov Divergence.psi vs Evidently psi, all mix pairs")
    stats["psi"] = {**headline(main, count(mixes, "psi")), "definition_note": NOTES["psi"], "aligned": [
        agreement(floors_agree, o("psi"), t("psi"),
                  "pairs where both floors coincide (no empty category, or the smallest non-zero share > 1e-4)"),
        agreement(floors_differ, o("psi"), t("psi"),
                  "pairs where Evidently's floor is share/10^6 (an empty category beside a share <= 1e-4): "
                  "definitions differ"),
    ]}
    main = agreement(mixes, o("js_distance"), t("js_distance"),
                     "agentgov Divergence.jensenShannonDistance vs Evidently jensenshannon, all mix pairs")
    stats["jensen_shannon"] = {**headline(main, count(mixes, "js_distance")),
                               "definition_note": NOTES["jensen_shannon"], "aligned": []}
    main = agreement(mixes, o("chi2_pooled_p"), t("chi2_p"),
                     "agentgov p on Cochran-pooled bins (the drift job's) vs Evidently chisquare p")
    stats["chi_square"] = {**headline(main, count(mixes, "chi2_pooled_p")), "definition_note": NOTES["chi_square"],
                           "decisions_pooled": decided_alike("chi2_pooled_p"), "aligned": [
        {**agreement(mixes, o("chi2_p"), t("chi2_p"),
                     "agentgov p unpooled vs Evidently p: still a homogeneity vs a goodness-of-fit test, not aligned"),
         **decided_alike("chi2_p")},
    ]}
    main = agreement(binned, o("ks_p"), t("ks_p"), "agentgov TwoSampleKs.testBinned p vs Evidently ks p, all binned")
    stats["ks"] = {**headline(main, count(binned, "ks_p")), "definition_note": NOTES["ks"], "aligned": [
        agreement(binned, o("ks_d"), lambda i: ks_scipy[i]["d"],
                  "D: agentgov binned D vs scipy.stats.ks_2samp statistic (the function Evidently's ks calls)"),
        agreement(binned, o("ks_p"), lambda i: ks_scipy[i]["kolmogorov_p"],
                  "p: agentgov vs scipy.stats.kstwobign.sf(D sqrt(nm/(n+m))) (same definition)"),
        agreement(asymp, o("ks_p"), t("ks_p"),
                  "p: pairs with more than 10,000 values in a sample, where Evidently uses the asymptotic "
                  "kstwo.sf(D, round(nm/(n+m))): still a different distribution"),
    ]}
    main = agreement(binned, o("wasserstein_norm"), t("wasserstein_norm"),
                     "agentgov W1 / spread vs Evidently wasserstein (normed), all binned pairs")
    stats["wasserstein"] = {**headline(main, count(binned, "wasserstein_norm")),
                            "definition_note": NOTES["wasserstein"], "aligned": [
        agreement(binned, o("wasserstein1"), lambda i: theirs[i]["wasserstein_norm"] * theirs[i]["norm"],
                  "raw W1: agentgov wasserstein1Binned vs Evidently's value times its normaliser"),
        agreement(floors_ok, o("wasserstein_norm"), t("wasserstein_norm"),
                  "normed, pairs where neither normaliser floor applies (reference SD >= 0.001 and >= half the "
                  "narrowest gap)"),
    ]}
    return stats


def headline(result, agentgov_count):
    return {"agentgov_value_count": agentgov_count, "compared": result["compared"],
            "max_abs_diff": result["max_abs_diff"], WITHIN: result[WITHIN],
            "non_finite": result["non_finite"], "compared_what": result["description"]}


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------

def machine():
    memory_kib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    # Timings on a shared machine move with its load; record it so a reader can judge them.
    load = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    return {"cores": os.cpu_count(), "load_average_1_5_15_min": load, "memory_total_kib": memory_kib,
            "memory_total_gib": round(memory_kib / 1024 ** 2, 1) if memory_kib else None,
            "python": platform.python_version(), "java": java[0] if java else None}


def fmt(x):
    if x is None:
        return "-"
    if x == 0:
        return "0"
    return f"{x:.2e}"


def print_table(stats, report):
    key = WITHIN
    rows = [("statistic", "what is compared", "agentgov n", "compared", "max |diff|", "within 1e-6")]
    for name, s in stats.items():
        rows.append((name, s["compared_what"], str(s["agentgov_value_count"]), str(s["compared"]),
                     fmt(s["max_abs_diff"]), str(s[key])))
        for a in s["aligned"]:
            rows.append(("", "  " + a["description"], "", str(a["compared"]), fmt(a["max_abs_diff"]), str(a[key])))
    widths = [min(max(len(r[c]) for r in rows), 100 if c == 1 else 40) for c in range(len(rows[0]))]
    for n, r in enumerate(rows):
        cells = [(r[c] if len(r[c]) <= widths[c] else r[c][:widths[c] - 1] + "…").ljust(widths[c])
                 for c in range(len(r))]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print()
    for name, s in stats.items():
        extra = ""
        if name == "chi_square":
            d = s["decisions_pooled"]
            u = s["aligned"][0]
            extra = (f" Same decision at 0.05: pooled {d['same_decision_at_0.05']}/{d['compared']}, unpooled "
                     f"{u['same_decision_at_0.05']}/{u['compared']}.")
        print(f"{name}: {s['definition_note']}{extra}\n")
    print(f"agentgov  {report['agentgov_pairs_per_second']:>14,.0f} pairs/s  "
          f"({report['agentgov_timing']['pairs']} pairs in {report['agentgov_timing']['seconds']:.4f} s)")
    print(f"Evidently {report['evidently_pairs_per_second']:>14,.0f} pairs/s  "
          f"({report['evidently_timing']['pairs']} pairs in {report['evidently_timing']['seconds']:.4f} s)")
    print(f"throughput ratio (agentgov / Evidently): {report['throughput_ratio']:,.1f}  (target >= {TARGET_RATIO:g})")
    print(f"timing: {report['timing_note']}")
    m = report["machine"]
    print(f"machine: {m['cores']} cores, {m['memory_total_gib']} GiB, load average at start "
          f"{m['load_average_1_5_15_min']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2000, help="feature pairs to generate (default 2000)")
    parser.add_argument("--seed", type=int, default=9, help="generator seed (default 9, the issue's number)")
    parser.add_argument("--out", default="bench-drift-evidently.json", help="JSON report path")
    parser.add_argument("--work", default=str(ROOT / "calibration" / "target" / "bench-drift-evidently"),
                        help="folder for the input and the Java output (default calibration/target/...)")
    parser.add_argument("--warmup-passes", type=int, default=1, help="untimed passes first, both sides (default 1)")
    parser.add_argument("--passes", type=int, default=1, help="timed passes, both sides (default 1)")
    args = parser.parse_args()
    if args.pairs < 1 or args.passes < 1 or args.warmup_passes < 0:
        parser.error("--pairs and --passes must be at least 1, --warmup-passes at least 0")

    import warnings

    import evidently
    import numpy
    import pandas
    import scipy

    # scipy.stats.chisquare warns "divide by zero" for a category new in the current sample (Evidently's
    # f_exp = 0); the value (p = 0) is what Evidently reports, so the warnings are only noise here.
    warnings.filterwarnings("ignore", category=RuntimeWarning)

    machine_info = machine()
    work = Path(args.work)
    input_path = work / "pairs.tsv"
    java_output = work / "agentgov-results.tsv"
    print(f"drift_vs_evidently: generating {args.pairs} pairs (seed {args.seed}) -> {input_path}", flush=True)
    pairs = generate(args.pairs, args.seed)
    write_input(pairs, input_path, args.seed)

    print("drift_vs_evidently: agentgov (Java) ...", flush=True)
    ours, java_timing, java_command = run_agentgov(input_path, java_output, args.warmup_passes, args.passes)

    print("drift_vs_evidently: Evidently ...", flush=True)
    for _ in range(args.warmup_passes):
        evidently_pass(pairs, args.seed)
    evidently_seconds = 0.0
    theirs = None
    for _ in range(args.passes):
        theirs, seconds = evidently_pass(pairs, args.seed)
        evidently_seconds += seconds
    ks_scipy = scipy_ks_details(pairs)

    stats = compare(pairs, ours, theirs, ks_scipy)
    evidently_pps = len(pairs) * args.passes / evidently_seconds
    sizes = [int(p.reference.sum()) for p in pairs] + [int(p.current.sum()) for p in pairs]
    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info,
        "evidently_version": evidently.__version__,
        "libraries": {"numpy": numpy.__version__, "scipy": scipy.__version__, "pandas": pandas.__version__},
        "pairs": len(pairs),
        "pairs_by_kind": {"mix": sum(p.kind == "mix" for p in pairs), "binned": sum(p.kind == "binned" for p in pairs)},
        "pairs_drifted": sum(p.drifted for p in pairs),
        "observations_per_sample": {"min": min(sizes), "median": sorted(sizes)[len(sizes) // 2], "max": max(sizes)},
        "seed": args.seed,
        "tolerance": TOLERANCE,
        "statistics": stats,
        "agentgov_pairs_per_second": java_timing["pairs_per_second"],
        "evidently_pairs_per_second": evidently_pps,
        "throughput_ratio": java_timing["pairs_per_second"] / evidently_pps,
        "target_ratio": TARGET_RATIO,
        "agentgov_timing": java_timing,
        "evidently_timing": {"pairs": len(pairs) * args.passes, "seconds": evidently_seconds},
        "warmup_passes": args.warmup_passes,
        "passes": args.passes,
        "timing_note": (
            "computation only, after untimed warm-up passes, one thread each: agentgov from System.nanoTime around "
            "the loop over parsed pairs (no JVM start, no file reading or writing); Evidently from "
            "time.perf_counter around the stattest calls of each pair (no Python imports, no file work, no "
            "building of the pandas Series from the counts). Mix pairs: PSI, Jensen-Shannon, chi-square (agentgov "
            "computes two: pooled and unpooled); binned pairs: KS, Wasserstein."),
        "java_command": " ".join(java_command),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print()
    print_table(stats, report)
    print(f"\nwrote {out}")


if __name__ == "__main__":
    ensure_environment()
    main()
