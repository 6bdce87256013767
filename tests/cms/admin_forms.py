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


def tourism_form(page, **values) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "category": page.category,
        "summary": page.summary,
        "body": streamfield([]),
        "opening_hours": "",
        "ticket_price": "",
        "latitude": "",
        "longitude": "",
        "address": "",
        "phone": "",
        "email": "",
        "gallery": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(values)
    return nested_form_data(data)


def development_form(page, reports=(), **values) -> dict:
    """`reports`: dicts of progress report fields (date, percent, photo)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([]),
        "location_name": page.location_name,
        "volume": "",
        "unit": "",
        "fiscal_year": page.fiscal_year,
        "executor": "",
        "project_type": "baru",
        "duration_days": "",
        "benefit": "",
        "funding_source": page.funding_source,
        "budget_total": page.budget_total,
        "budget_pemerintah": 0,
        "budget_provinsi": 0,
        "budget_kabupaten": 0,
        "budget_swadaya": 0,
        "latitude": "",
        "longitude": "",
        "progress_reports": inline_formset(
            [{"id": "", "ORDER": i, "note": "", **r} for i, r in enumerate(reports)]
        ),
        "comments": inline_formset([]),
    }
    data.update(values)
    return nested_form_data(data)
