"""agentgov_monthly: recalibrate thresholds, score maturity, render the month's reports.

Runs after the month's last night (waits for that night's detect step), then
recalibrate -> maturity -> [scorecard, compliance]. The scorecard is read after maturity is
committed; the compliance evidence is read as of the moment this run started, so a retry
renders the same report.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.providers.standard.sensors.external_task import ExternalTaskSensor
from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

from agentgov_tasks import DAG_DEFAULTS, MONTHLY_CRON, agentgov_step, var

MONTH = "{{ data_interval_start.strftime('%Y-%m') }}"
LAST_DAY = "{{ (data_interval_end - macros.timedelta(days=1)) | ds }}"


def last_night(logical_date, **context):
    """Logical date of the nightly run of the month's last landing day (see NIGHTLY_CRON)."""
    end = context["data_interval_end"]
    return (end - timedelta(days=1)).replace(hour=2, minute=0, second=0, microsecond=0)


with DAG(
    dag_id="agentgov_monthly",
    description="agentgov monthly: recalibration, maturity, scorecard and compliance evidence",
    schedule=CronDataIntervalTimetable(MONTHLY_CRON, timezone="UTC"),
    dagrun_timeout=timedelta(hours=12),
    doc_md=__doc__,
    **DAG_DEFAULTS,
) as dag:
    month_closed = ExternalTaskSensor(
        task_id="last_night_done",
        external_dag_id="agentgov_nightly",
        external_task_id="detect",
        execution_date_fn=last_night,
        mode="reschedule",
        poke_interval=600,
        timeout=int(timedelta(hours=6).total_seconds()),
        retries=0,
    )
    recalibrate = agentgov_step("recalibrate", "recalibrate", "--as-of", LAST_DAY)
    maturity = agentgov_step("maturity", "maturity", "--month", MONTH)
    scorecard = agentgov_step(
        "scorecard", "report", "scorecard", "--month", MONTH, "--out", var("agentgov_reports") + "/scorecard"
    )
    compliance = agentgov_step(
        "compliance",
        "report",
        "compliance",
        "--period",
        MONTH,
        "--as-of",
        "{{ dag_run.start_date | ts }}",
        "--out",
        var("agentgov_reports") + "/compliance",
    )

    month_closed >> recalibrate >> maturity >> [scorecard, compliance]
