"""Headless preview: the admin's "Preview" opens the draft on the real desa
frontend.

`serve_preview` stores the previewed state in a PreviewSnapshot and
redirects to the frontend's preview route on the desa's own domain (or its
portal path) with a short-lived signed token; the frontend fetches the draft
from /api/v2/preview/?token=... . A tampered or expired token is refused.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import desa_id_for_path
from .registry import desa_home_model
from .vocabulary import KECAMATAN

SALT = "simpul-desa.preview"
# What the portal passes as its site (the kecamatan's own pages).
PORTAL = KECAMATAN


class InvalidPreviewToken(Exception):
    pass


class PreviewSnapshot(models.Model):
    """The state of a page as the editor previewed it (never public)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    path = models.CharField(max_length=255)
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("preview snapshot")
        verbose_name_plural = _("preview snapshots")

    def __str__(self):
        return f"{self.content_type} @ {self.created_at:%Y-%m-%d %H:%M}"


def max_age() -> int:
    return settings.PREVIEW_TOKEN_MAX_AGE


def snapshot(page) -> str:
    """Store `page` as previewed and return a signed token for it."""
    expired = timezone.now() - datetime.timedelta(seconds=max_age())
    PreviewSnapshot.objects.filter(created_at__lt=expired).delete()
    saved = PreviewSnapshot.objects.create(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        path=page.path or "",
        content=page.serializable_data(),
    )
    return signing.dumps(saved.pk, salt=SALT)


def page_for_token(token: str, site: str):
    """The previewed page object (unsaved) for a valid token, shown on
    `site`: the Kemendagri code or slug of the desa owning the page, or
    PORTAL for the kecamatan's own pages. A token for another site is
    refused like an invalid one."""
    invalid = InvalidPreviewToken(_("This preview link is not valid."))
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age())
        saved = PreviewSnapshot.objects.get(pk=pk)
    except signing.SignatureExpired:
        raise InvalidPreviewToken(_("This preview link has expired.")) from None
    except (signing.BadSignature, PreviewSnapshot.DoesNotExist, TypeError):
        raise invalid from None
    desa_id = desa_id_for_path(saved.path)
    if site.lower() not in site_names(desa_id):
        raise invalid
    page = saved.content_type.model_class().from_serializable_data(saved.content)
    page.path = saved.path
    page.desa_id = desa_id
    return page


def site_names(desa_id: int | None) -> set[str]:
    """The names a frontend may give the site of a page owned by `desa_id`
    (None: the kecamatan, shown on the portal)."""
    if desa_id is None:
        return {PORTAL}
    row = (
        desa_home_model()
        .objects.filter(pk=desa_id)
        .values_list("kode_kemendagri", "slug")
    )
    return {name.lower() for name in row.first() or ()}


def frontend_preview_url(page) -> str:
    from .public_urls import desa_base_url, desa_ref_for_page_path, portal_url

    desa = desa_ref_for_page_path(page.path or "")
    base = desa_base_url(desa) if desa else portal_url()
    return f"{base}/preview/?token={snapshot(page)}"
