"""The DAG files import in real Airflow 3, without errors or cycles, with the tasks, order and
settings a scheduler relies on, and their templates render to the agentgov commands intended."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import DAGS

STEPS = {
    "agentgov_nightly": ["ingest", "features", "baselines", "drift", "detect"],
    "agentgov_monthly": ["recalibrate", "maturity", "scorecard", "compliance"],
    "agentgov_backfill": ["nightly_ingest", "nightly_stored"],
}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_every_dag_file_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == sorted(STEPS)


@pytest.mark.parametrize("dag_id", sorted(STEPS))
def test_no_cycles_and_every_step_submits_the_jar(dagbag, dag_id):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    dag = dagbag.dags[dag_id]
    dag.check_cycle()
    for task_id in STEPS[dag_id]:
        step = dag.get_task(task_id)
        assert isinstance(step, SparkSubmitOperator), task_id
        assert step.application == "{{ var.value.get('agentgov_jar', '/opt/agentgov/agentgov.jar') }}"
        assert step._conn_id == "agentgov_spark" and step._java_class == "io.agentgov.cli.AgentGov"
        assert step.name.startswith("agentgov.{{ dag.dag_id }}." + task_id)
        assert "--warehouse" in step.application_args and "--catalog" in step.application_args
        assert step.retries >= 1 and step.execution_timeout is not None
        assert step.on_failure_callback, f"{dag_id}.{task_id} has no failure callback"


def test_nightly_runs_the_steps_in_order_one_night_at_a_time(dagbag):
    dag = dagbag.dags["agentgov_nightly"]
    chain = STEPS["agentgov_nightly"]
    for before, after in zip(chain, chain[1:]):
        assert dag.get_task(before).downstream_task_ids == {after}
    assert dag.max_active_runs == 1
    assert all(dag.get_task(t).depends_on_past for t in chain[1:])
    args = {t: dag.get_task(t).application_args for t in chain}
    assert args["ingest"][:4] == ["ingest", "--landing", "{{ var.value.get('agentgov_landing', '/var/lib/agentgov/landing') }}", "--date"]
    assert args["features"][:3] == ["features", "--landed", "{{ ds }}"]
    for t in ("baselines", "drift", "detect"):
        assert args[t][:3] == [t, "--date", "{{ ds }}"]


def test_nightly_interval_is_the_landing_day(dagbag):
    dag = dagbag.dags["agentgov_nightly"]
    run_at = datetime(2026, 3, 3, 2, 0, tzinfo=timezone.utc)
    interval = dag.timetable.infer_manual_data_interval(run_after=run_at)
    assert interval.start == datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
    assert interval.end == run_at


def test_monthly_templates_name_the_closed_month(dagbag):
    from airflow.sdk.execution_time import macros

    from agentgov_monthly import LAST_DAY, MONTH, last_night

    dag = dagbag.dags["agentgov_monthly"]
    start = datetime(2026, 2, 1, 6, 0, tzinfo=timezone.utc)
    end = datetime(2026, 3, 1, 6, 0, tzinfo=timezone.utc)
    env = dag.get_template_env()
    context = {"data_interval_start": start, "data_interval_end": end, "macros": macros}
    assert env.from_string(MONTH).render(**context) == "2026-02"
    assert env.from_string(LAST_DAY).render(**context) == "2026-02-28"
    # the sensor waits for the nightly run of 2026-02-28, whose logical date is 02:00 that day
    assert last_night(start, data_interval_end=end) == datetime(2026, 2, 28, 2, 0, tzinfo=timezone.utc)
    assert dag.get_task("recalibrate").downstream_task_ids == {"maturity"}
    assert dag.get_task("maturity").downstream_task_ids == {"scorecard", "compliance"}


def test_backfill_takes_a_range_and_a_mode(dagbag):
    from agentgov_backfill import choose_mode

    dag = dagbag.dags["agentgov_backfill"]
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None: by hand only
    assert set(dag.params.keys()) == {"start", "end", "mode"}
    assert dag.get_task("nightly_stored").retries == 1  # a long run: one retry, then a person looks
    assert choose_mode(params={"start": "2026-03-01", "end": "2026-03-31", "mode": "stored"}) == "nightly_stored"
    with pytest.raises(ValueError, match="before start"):
        choose_mode(params={"start": "2026-03-31", "end": "2026-03-01", "mode": "ingest"})
    assert dag.get_task("nightly_stored").application_args[:6] == [
        "nightly", "--stored", "--from", "{{ params.start }}", "--to", "{{ params.end }}"]
