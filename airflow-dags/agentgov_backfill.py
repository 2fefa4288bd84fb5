"""agentgov_backfill: run the nightly pipeline over a range of days, triggered by hand.

Params: ``start`` and ``end`` (landing days, both included) and ``mode``:
- ``ingest``: ingest each landing day and derive it, night after night (a first load, or days
  whose files arrived late);
- ``stored``: re-derive features, baselines, drift and findings from the events already stored
  (after a change of settings or of the software); features of the range in one pass.

    airflow dags trigger agentgov_backfill --conf '{"start": "2026-03-01", "end": "2026-03-31", "mode": "stored"}'

Pause agentgov_nightly while a backfill runs over nights it would also write.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.providers.standard.operators.python import BranchPythonOperator
from airflow.sdk import DAG, Param

from agentgov_tasks import DAG_DEFAULTS, DEFAULT_ARGS, agentgov_step, var

RANGE = ("--from", "{{ params.start }}", "--to", "{{ params.end }}")


def choose_mode(**context) -> str:
    params = context["params"]
    if params["end"] < params["start"]:
        raise ValueError(f"agentgov_backfill: end {params['end']} is before start {params['start']}")
    return "nightly_" + params["mode"]


with DAG(
    dag_id="agentgov_backfill",
    description="agentgov backfill: the nightly pipeline over a date range, triggered by hand",
    schedule=None,
    doc_md=__doc__,
    # a backfill is long: one retry, then a person looks
    **{**DAG_DEFAULTS, "default_args": {**DEFAULT_ARGS, "retries": 1}},
    params={
        "start": Param(type="string", format="date", description="First landing day (yyyy-mm-dd)"),
        "end": Param(type="string", format="date", description="Last landing day, included"),
        "mode": Param("stored", enum=["ingest", "stored"], description="ingest landing days, or derive stored events"),
    },
) as dag:
    mode = BranchPythonOperator(task_id="mode", python_callable=choose_mode)
    ingest_range = agentgov_step(
        "nightly_ingest", "nightly", "--landing", var("agentgov_landing"), *RANGE, timeout=timedelta(hours=24)
    )
    stored_range = agentgov_step("nightly_stored", "nightly", "--stored", *RANGE, timeout=timedelta(hours=24))

    mode >> [ingest_range, stored_range]
