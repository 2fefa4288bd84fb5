"""agentgov_nightly: ingest one landing day, then derive and judge the night.

ingest -> features -> baselines -> drift -> detect, one Spark application each. Every step is
idempotent for its interval: ingest skips files already ingested (by sha256) and never stores an
event twice; the derived steps overwrite the night's partitions. Nights build on the night before
(baselines roll over earlier features, findings advance the previous night's list), hence one
run at a time and depends_on_past on the derived steps.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

from agentgov_tasks import DAG_DEFAULTS, NIGHTLY_CRON, agentgov_step, var

with DAG(
    dag_id="agentgov_nightly",
    description="agentgov nightly: ingest a landing day, features, baselines, drift, detectors",
    schedule=CronDataIntervalTimetable(NIGHTLY_CRON, timezone="UTC"),
    dagrun_timeout=timedelta(hours=8),
    doc_md=__doc__,
    **DAG_DEFAULTS,
) as dag:
    ingest = agentgov_step(
        "ingest", "ingest", "--landing", var("agentgov_landing"), "--date", "{{ ds }}", timeout=timedelta(hours=3)
    )
    # the night and every earlier event day the night's late events landed in
    features = agentgov_step("features", "features", "--landed", "{{ ds }}", depends_on_past=True)
    baselines = agentgov_step("baselines", "baselines", "--date", "{{ ds }}", depends_on_past=True)
    drift = agentgov_step("drift", "drift", "--date", "{{ ds }}", depends_on_past=True)
    detect = agentgov_step("detect", "detect", "--date", "{{ ds }}", depends_on_past=True)

    ingest >> features >> baselines >> drift >> detect
