"""Celery tasks: thin wrappers that load by id and call a service."""

from celery import shared_task

from portal.tasks import IDEMPOTENT  # acks_late + reject_on_worker_lost (issue 22 point 4)


@shared_task(name="traceability.run_vehicle_import")
def run_vehicle_import(job_id: int) -> str:
    from .imports import run_import

    return run_import(job_id).status


@shared_task(name="traceability.check_every_file", **IDEMPOTENT)
def check_every_file() -> dict:
    """The nightly check (settings.CHAIN_CHECK_AT): one process, as a Celery worker may not fork."""
    from .integrity import check_every_file

    report = check_every_file()
    return {"files": report.files, "events": report.events, "broken": report.broken,
            "log_mismatched": report.log.mismatched if report.log else []}


@shared_task(name="traceability.publish_tree_head")
def publish_tree_head() -> dict:
    """The daily signed head of the event log (settings.TREE_HEAD_AT)."""
    from .eventlog import publish_tree_head

    head = publish_tree_head()
    return {"tree_size": head.tree_size, "root_hash": head.root_hash}
