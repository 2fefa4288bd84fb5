"""Shared pieces of the agentgov DAGs: one factory for a step that submits the agentgov jar.

Every step is a SparkSubmitOperator running one agentgov command, so a failed night is retried
from the step that failed, and the same DAGs run on a laptop (master ``local[*]``), a Spark
standalone cluster, YARN or Kubernetes: that is the Spark connection's business, not the DAG's.

Configuration (docs: airflow-dags/README.md), all read when a task runs, never at import:
- the Spark connection ``agentgov_spark`` (or the id in ``AGENTGOV_SPARK_CONN_ID``);
- the Airflow Variables in ``VARIABLES`` below, each with its default.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SPARK_CONN_ID = os.environ.get("AGENTGOV_SPARK_CONN_ID", "agentgov_spark")

# Airflow Variable -> default. Paths may be any Hadoop URI the cluster reads (hdfs://, s3a://).
VARIABLES = {
    "agentgov_jar": "/opt/agentgov/agentgov.jar",
    "agentgov_warehouse": "/var/lib/agentgov/warehouse",
    "agentgov_landing": "/var/lib/agentgov/landing",
    "agentgov_reports": "/var/lib/agentgov/reports",
    "agentgov_catalog": "agentgov",
    # a Spark properties file for spark-submit --properties-file: catalog (REST, Hive, JDBC, Glue),
    # executor sizing, Java options; empty means none
    "agentgov_spark_properties": "",
}

# The nightly run for landing day D starts at 02:00 UTC on D+1: its data interval is
# [D 02:00, D+1 02:00), so {{ ds }} is D and late files of D have two hours to arrive.
NIGHTLY_CRON = "0 2 * * *"
# The monthly run for month M starts at 06:00 UTC on the 1st of M+1, after M's last night.
MONTHLY_CRON = "0 6 1 * *"
START_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)

log = logging.getLogger("agentgov")


def var(name: str) -> str:
    """A Jinja reference to an agentgov Variable with its default, resolved when the task runs."""
    return "{{ var.value.get('%s', '%s') }}" % (name, VARIABLES[name])


def notify_failure(context) -> None:
    """Failure callback: one line naming the DAG, task, interval and try, and where the log is.

    Replace or extend it (Slack, e-mail, a pager) through ``default_args["on_failure_callback"]``.
    """
    ti = context["task_instance"]
    log.error(
        "agentgov step failed: dag=%s task=%s logical_date=%s try=%s error=%s log=%s",
        ti.dag_id,
        ti.task_id,
        context.get("logical_date"),
        ti.try_number,
        context.get("exception"),
        getattr(ti, "log_url", "-"),
    )


DEFAULT_ARGS = {
    "owner": "agentgov",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=1),
    "on_failure_callback": notify_failure,
}


# What every agentgov DAG shares: one run at a time (nights and months build on the ones before),
# no catch-up of missed intervals unless asked for (agentgov_backfill), retries and callbacks.
DAG_DEFAULTS = {
    "start_date": START_DATE,
    "catchup": False,
    "max_active_runs": 1,
    "default_args": DEFAULT_ARGS,
    "on_failure_callback": notify_failure,
    "tags": ["agentgov"],
}


def agentgov_step(task_id: str, *command: str, timeout: timedelta = timedelta(hours=1), **kwargs) -> SparkSubmitOperator:
    """A task that submits the agentgov jar to run ``command`` (e.g. ``"drift", "--date", "{{ ds }}"``).

    The lakehouse options follow the command (the CLI's global options apply to every command),
    and the Spark application is named after the DAG, task and interval so it can be found in the
    cluster's UI and history server.
    """
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application=var("agentgov_jar"),
        # spark-submit reads the manifest's Main-Class only from a local jar; hdfs://, s3a:// and
        # local:// (a Kubernetes image) need the class named
        java_class="io.agentgov.cli.AgentGov",
        name="agentgov.{{ dag.dag_id }}.%s.{{ ds_nodash }}" % task_id,
        application_args=[
            *command,
            "--warehouse",
            var("agentgov_warehouse"),
            "--catalog",
            var("agentgov_catalog"),
        ],
        properties_file=var("agentgov_spark_properties"),
        execution_timeout=timeout,
        **kwargs,
    )
