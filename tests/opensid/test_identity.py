"""Identity pushes (POST identitas-desa) become proposals; a moderator
accepts or rejects them, and nothing official changes before that."""

from urllib.parse import urlencode

import pytest

from cms.desa.models import DesaHomePage
from cms.opensid.identity import BadBoundary, accept, parse_boundary, reject
from cms.opensid.models import IdentityProposal, Outcome, ProposalStatus, SyncPush
from tests.conftest import logged_in

from .conftest import replay

CAPTURED_BOUNDARY = [
    [
        [
            [-7.237191, 109.809969],
            [-7.237191, 109.821969],
            [-7.225191, 109.821969],
            [-7.225191, 109.809969],
        ]
    ]
]


def body(**fields) -> bytes:
    form = {
        "kode_desa": "33.04.15.2011",
        "sebutan_desa": "desa",
        "website": "https://ratamba.desa.example",
        "path": "[[[[-7.23,109.81],[-7.23,109.82],[-7.22,109.82]]]]",
    }
    form.update(fields)
    return urlencode({k: v for k, v in form.items() if v is not None}).encode()


class TestOverHTTP:
    pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

    def test_the_capture_becomes_a_pending_proposal_and_changes_nothing(
        self, server, ratamba
    ):
        before = DesaHomePage.objects.get(pk=ratamba.pk)
        response = replay(server, "001_identitas_desa")
        assert response.status_code == 200
        assert response.json()["status"] == "success"
        proposal = IdentityProposal.objects.get()
        assert proposal.desa_id == ratamba.pk
        assert proposal.status == ProposalStatus.PENDING
        assert proposal.sebutan_desa == "desa"
        assert proposal.website == "https://ratamba.desa.example"
        assert proposal.boundary == CAPTURED_BOUNDARY
        after = DesaHomePage.objects.get(pk=ratamba.pk)
        assert (after.website, after.boundary) == ("", None)
        assert (after.name, after.title, after.latitude) == (
            before.name,
            before.title,
            before.latitude,
        )
        push = SyncPush.objects.get()
        assert (push.outcome, push.rows_received, push.created) == (
            Outcome.SUCCESS,
            1,
            1,
        )

    def test_the_same_push_again_is_unchanged(self, server):
        replay(server, "001_identitas_desa")
        assert replay(server, "001_identitas_desa").status_code == 200
        assert IdentityProposal.objects.count() == 1
        second = SyncPush.objects.order_by("pk").last()
        assert (second.created, second.unchanged) == (0, 1)

    def test_a_bad_path_is_refused_naming_the_field(self, server):
        response = replay(server, "001_identitas_desa", body=body(path="[[[1, 2"))
        assert response.status_code == 422
        answer = response.json()
        assert answer["status"] == "danger"
        assert list(answer["errors"]) == ["path"]
        assert not IdentityProposal.objects.exists()
        assert SyncPush.objects.get().outcome == Outcome.REFUSED

    def test_another_desas_code_is_refused_and_nothing_is_stored(self, server, desa_a):
        response = replay(
            server, "001_identitas_desa", body=body(kode_desa="33.04.15.2005")
        )
        assert response.status_code == 403
        assert "kode_desa" in response.json()["errors"]
        assert not IdentityProposal.objects.exists()

    def test_a_website_that_is_no_address_is_refused(self, server):
        response = replay(server, "001_identitas_desa", body=body(website="desa kami"))
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["website"]
        assert not IdentityProposal.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "[[[1, 2",  # not JSON
        '{"lat": -7}',  # not arrays
        "[[[[-7.2, 109.8, 3]]]]",  # not a pair
        '[[[["-7.2", "109.8"]]]]',  # strings
        "[[[[109.8, -7.2]]]]",  # lon, lat
        "[[[[-95.0, 109.8]]]]",  # off the globe
        "[[[[[[-7.2, 109.8]]]]]]",  # too deep
        "[" + " " * 600_000 + "[-7.2, 109.8]]",  # too long
        "[" + ",".join(["[-7.2,109.8]"] * 20_001) + "]",  # too many points
        "[[[[NaN, 109.8]]]]",
    ],
)
def test_a_path_that_is_no_boundary_is_refused(text):
    with pytest.raises(BadBoundary):
        parse_boundary(text)


@pytest.mark.parametrize("text", ["", "  ", "[[[[]]]]", "[]"])
def test_an_empty_path_is_no_boundary(text):
    assert parse_boundary(text) is None


def test_a_polygon_of_any_nesting_is_a_boundary():
    assert parse_boundary("[[-7.2,109.8],[-7.3,109.9],[-7.2,109.9]]") == [
        [-7.2, 109.8],
        [-7.3, 109.9],
        [-7.2, 109.9],
    ]


@pytest.fixture
def proposal(desa_b):
    return IdentityProposal.objects.create(
        desa=desa_b,
        sebutan_desa="desa",
        website="https://ratamba.desa.example",
        boundary=CAPTURED_BOUNDARY,
    )


def test_accepting_sets_the_boundary_and_website(proposal, moderator, desa_b):
    accept(proposal, moderator)
    desa = DesaHomePage.objects.get(pk=desa_b.pk)
    assert desa.boundary == CAPTURED_BOUNDARY
    assert desa.website == "https://ratamba.desa.example"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by == moderator and proposal.decided_at


def test_a_draft_saved_before_accepting_keeps_them_when_published(
    proposal, moderator, desa_b
):
    desa_b.kepala_desa = "Kepala Baru"
    draft = desa_b.save_revision()
    accept(proposal, moderator)
    draft.refresh_from_db()
    draft.publish()
    desa = DesaHomePage.objects.get(pk=desa_b.pk)
    assert desa.kepala_desa == "Kepala Baru"
    assert desa.boundary == CAPTURED_BOUNDARY
    assert desa.website == "https://ratamba.desa.example"


def test_rejecting_changes_nothing_on_the_desa(proposal, moderator, desa_b):
    reject(proposal, moderator)
    desa = DesaHomePage.objects.get(pk=desa_b.pk)
    assert (desa.website, desa.boundary) == ("", None)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.decided_by == moderator


class TestAdmin:
    def test_a_moderator_accepts_from_the_admin(self, proposal, moderator, desa_b):
        client = logged_in(moderator)
        listing = client.get("/admin/opensid/proposals/")
        assert listing.status_code == 200
        assert "Ratamba" in listing.content.decode()
        detail = client.get(f"/admin/opensid/proposals/{proposal.pk}/")
        assert detail.status_code == 200
        assert "4" in detail.content.decode()  # the points, summarised
        response = client.post(
            f"/admin/opensid/proposals/{proposal.pk}/", {"decision": "accept"}
        )
        assert response.status_code == 302
        assert DesaHomePage.objects.get(pk=desa_b.pk).boundary == CAPTURED_BOUNDARY
        # Decided once: a second post changes nothing.
        client.post(f"/admin/opensid/proposals/{proposal.pk}/", {"decision": "reject"})
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.ACCEPTED

    def test_a_desa_editor_may_not_decide(self, proposal, editor_b, desa_b):
        client = logged_in(editor_b)
        assert client.get("/admin/opensid/proposals/").status_code == 403
        response = client.post(
            f"/admin/opensid/proposals/{proposal.pk}/", {"decision": "accept"}
        )
        assert response.status_code == 403
        assert DesaHomePage.objects.get(pk=desa_b.pk).boundary is None

    def test_the_desa_page_shows_the_boundary_read_only(self, superuser, desa_b):
        DesaHomePage.objects.filter(pk=desa_b.pk).update(boundary=CAPTURED_BOUNDARY)
        page = logged_in(superuser).get(f"/admin/pages/{desa_b.pk}/edit/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "-7.237191" in html and 'name="boundary"' not in html
