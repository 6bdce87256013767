"""The review flow over HTTP: a desa editor submits, a kecamatan moderator
approves (the page goes live) or requests changes (the editor is told)."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from cms.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.conftest import logged_in
from tests.factories import section

from .admin_forms import news_form


@pytest.fixture
def submitted(desa_a, editor_a, moderator):
    """A news page that editor A created and submitted for moderation."""
    index = section(desa_a, NewsIndexPage)
    category = NewsCategory.objects.get(slug="kesehatan")
    response = logged_in(editor_a).post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form(
            title="Posyandu",
            slug="posyandu",
            category=category.pk,
            **{"action-submit": "action-submit"},
        ),
    )
    assert response.status_code == 302
    return NewsPage.objects.get(slug="posyandu")


def act(client, page, action, comment=""):
    state = NewsPage.objects.get(pk=page.pk).current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
        {"comment": comment},
    )


def test_submission_is_not_live_and_notifies_moderators(submitted, moderator):
    assert not submitted.live
    assert submitted.workflow_in_progress
    assert submitted.current_workflow_task.name == "Persetujuan Moderator Kecamatan"
    assert [m.to for m in mail.outbox] == [[moderator.email]]


def test_editor_cannot_approve_their_own_submission(submitted, editor_a):
    act(logged_in(editor_a), submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.workflow_in_progress


def test_moderator_approval_publishes_and_tells_the_editor(
    submitted, moderator, editor_a
):
    mail.outbox.clear()
    response = act(logged_in(moderator), submitted, "approve", "Bagus.")
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.live
    assert not submitted.workflow_in_progress
    assert [editor_a.email] in [m.to for m in mail.outbox]


def test_request_changes_keeps_it_offline_and_tells_the_editor(
    submitted, moderator, editor_a
):
    mail.outbox.clear()
    act(logged_in(moderator), submitted, "reject", "Tambahkan foto kegiatan.")
    submitted.refresh_from_db()
    assert not submitted.live
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [editor_a.email] in [m.to for m in mail.outbox]
    # The editor sees the outcome on the page in the admin.
    html = (
        logged_in(editor_a).get(f"/admin/pages/{submitted.pk}/edit/").content.decode()
    )
    assert "Tambahkan foto kegiatan." in html


def test_resubmission_after_changes_goes_back_to_the_moderators(
    submitted, moderator, editor_a
):
    act(logged_in(moderator), submitted, "reject", "Perbaiki judul.")
    logged_in(editor_a).post(
        f"/admin/pages/{submitted.pk}/edit/",
        news_form(
            submitted,
            title="Posyandu balita",
            **{"action-submit": "action-submit"},
        ),
    )
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress
    act(logged_in(moderator), submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.title == "Posyandu balita"
