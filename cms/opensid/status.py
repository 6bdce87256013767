"""Where a desa's data comes from and how its last pushes went, for the
admin and the dashboard. Each function answers for many desa in one query."""

from django.db.models import OuterRef, Subquery

from .models import SyncPush


def last_pushes(desa_ids=None) -> dict[int, dict[str, SyncPush]]:
    """{desa id: {module: its newest SyncPush}} for the desa in `desa_ids`
    (every desa when None), in one query."""
    newest = (
        SyncPush.objects.filter(desa=OuterRef("desa"), module=OuterRef("module"))
        .order_by("-received_at", "-pk")
        .values("pk")[:1]
    )
    pushes = SyncPush.objects.filter(pk=Subquery(newest))
    if desa_ids is not None:
        pushes = pushes.filter(desa__in=list(desa_ids))
    result: dict[int, dict[str, SyncPush]] = {}
    for push in pushes.order_by("desa_id", "module"):
        result.setdefault(push.desa_id, {})[push.module] = push
    return result
