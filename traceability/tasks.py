"""Celery tasks: thin wrappers that load by id and call a service."""

from celery import shared_task


@shared_task(name="traceability.run_vehicle_import")
def run_vehicle_import(job_id: int) -> str:
    from .imports import run_import

    return run_import(job_id).status
