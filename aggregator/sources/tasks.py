"""The periodic feed read as a django-tasks task: enqueue it from cron or a
scheduler (see the README); with the default immediate backend it runs in
the enqueuing process."""

from django_tasks import task

from .sync import sync_all


@task()
def sync_external_feeds() -> dict:
    report = sync_all()
    return {
        "feeds": len(report.feeds),
        "failed": report.failed,
        "created": report.total("created"),
        "updated": report.total("updated"),
    }
