"""Fixtures of the deployment tests: the built agentgov jar, a generated landing day, and ways to
run the jar as a user would (java -jar, or spark-submit to a master) and read what it wrote.

These tests drive the real things: Airflow 3 with the Spark provider, spark-submit of Spark 3.5.9,
a Spark standalone cluster on 127.0.0.1 and PostgreSQL. scripts/test prepares them (python-env,
postgres) and runs these tests after the Maven build has made the jar.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "cli" / "target" / "agentgov.jar"
DAGS = ROOT / "airflow-dags"
# one small generated day: the small preset's first day, 2026-03-02
DAY = "2026-03-02"
SEED = 11

# Airflow reads its settings at import: a private home (SQLite metadata DB) and our DAG folder.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="agentgov-airflow-")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)

# Columns that record when or in which run a row was written, or which snapshot it read: they
# differ between any two runs, however equal their data. Everything else must be equal.
RUN_COLUMNS = {
    "ingest_runs": {"run_id", "started_at", "finished_at", "snapshot_ids"},
    "event_day_digests": {"run_id", "computed_at", "events_snapshot_id"},
    "events": {"ingest_run_id", "ingested_at"},
    "quarantine": {"run_id", "quarantined_at"},
    "dq_metrics": {"run_id", "computed_at"},
    "agents": {"run_id"},
    "people": {"run_id"},
    "reviews": {"run_id"},
    "policies": {"run_id", "loaded_at"},
    "agent_daily_features": {"events_snapshot_id"},
    "agent_baselines": {"features_snapshot_id"},
    "findings": {"run_id"},
}


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else "java"


def run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: int = 900) -> str:
    """Runs a command; on failure the assertion shows the command and the end of its output."""
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-6000:]}"
    )
    return proc.stdout


@pytest.fixture(scope="session")
def jar() -> Path:
    assert JAR.is_file(), f"{JAR} is missing: build it first (mvn -B -ntp -DskipTests package; scripts/test does)"
    return JAR


@pytest.fixture(scope="session")
def spark_home() -> Path:
    home = os.environ.get("SPARK_HOME")
    assert home and (Path(home) / "bin" / "spark-submit").is_file(), (
        "SPARK_HOME with bin/spark-submit is not set: run scripts/python-env and source .venv/env (scripts/test does)"
    )
    return Path(home)


@pytest.fixture(scope="session")
def generated(jar, tmp_path_factory) -> Path:
    """A small generated enterprise of one day: <dir>/landing and <dir>/truth."""
    out = tmp_path_factory.mktemp("enterprise")
    run([java(), "-jar", jar, "generate", "--preset", "small", "--days", "1", "--seed", SEED, "--out", out], cwd=out)
    return out


@pytest.fixture(scope="session")
def planned(generated) -> dict:
    """What the generator planned for the day: records stored, duplicate and quarantined."""
    manifest = json.loads((generated / "truth" / "manifest.json").read_text())
    return next(d for d in manifest["days"] if d["day"] == DAY)


def agentgov(jar: Path, *args, cwd: Path, java_opts: tuple = ("-Xmx3g",)) -> str:
    """Runs the jar with java -jar (the embedded default: local master, Hadoop catalog)."""
    return run([java(), *java_opts, "-jar", jar, *args], cwd=cwd)


def spark_submit(spark_home: Path, jar: Path, master: str, *args, cwd: Path, conf: dict | None = None,
                 properties_file: Path | None = None) -> str:
    """Submits the jar as a scheduler would: spark-submit's options, then the agentgov command."""
    cmd = [spark_home / "bin" / "spark-submit", "--master", master, "--name", "agentgov-deployment-test"]
    for key, value in (conf or {}).items():
        cmd += ["--conf", f"{key}={value}"]
    if properties_file:
        cmd += ["--properties-file", properties_file]
    return run([*cmd, jar, *args], cwd=cwd)


def export_tables(jar: Path, warehouse_args: list, out: Path, cwd: Path) -> dict[str, list[dict]]:
    """Every table's rows, read back from `agentgov tables export` (JSON Lines part files)."""
    agentgov(jar, "tables", "export", "--out", out, *warehouse_args, cwd=cwd)
    tables = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        rows = []
        for part in sorted(folder.glob("part-*.json")):
            rows += [json.loads(line) for line in part.read_text().splitlines() if line.strip()]
        tables[folder.name] = rows
    return tables


def comparable(table: str, rows: list[dict]) -> list[str]:
    """A table's rows without its run columns, as sorted canonical JSON: equal data, equal lists."""
    drop = RUN_COLUMNS.get(table, set())
    return sorted(json.dumps({k: v for k, v in r.items() if k not in drop}, sort_keys=True) for r in rows)
