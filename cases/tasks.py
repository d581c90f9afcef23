from celery import shared_task


@shared_task
def anonymise_expired_cases() -> int:
    """Anonymise ended cases after CASE_RETENTION_DAYS (idempotent)."""
    from cases.retention import cases_anonymise_expired

    return cases_anonymise_expired()
