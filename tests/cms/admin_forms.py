"""POST data for the Wagtail page editor, built with Wagtail's own test
helpers so that the tests drive the real admin views."""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def news_form(page=None, **values) -> dict:
    data = {
        "title": getattr(page, "title", "Berita baru"),
        "slug": getattr(page, "slug", "berita-baru"),
        "date": str(getattr(page, "date", "2026-11-20")),
        "category": getattr(page, "category_id", None),
        "tags": "",
        "summary": getattr(page, "summary", "Ringkasan."),
        "body": streamfield([("paragraph", rich_text("<p>Isi berita.</p>"))]),
        "comments": inline_formset([]),
    }
    data.update(values)
    return nested_form_data(data)


def desa_form(**values) -> dict:
    data = {
        "name": "Biting",
        "kode_kemendagri": "33.04.15.2006",
        "kode_bps": "",
        "kepala_desa": "",
        "visi": rich_text(""),
        "misi": rich_text(""),
        "sejarah": rich_text(""),
        "address": "",
        "phone": "",
        "email": "",
        "latitude": "",
        "longitude": "",
        "public_domain": "",
        "joined_on": "",
        "integration_status": "feed",
        "comments": inline_formset([]),
    }
    data.update(values)
    return nested_form_data(data)
