"""Identity pushes (POST identitas-desa, docs/opensid-sync.md §5.1): what
OpenSID says about the desa becomes a proposal a moderator decides on.

OpenDK overwrites the desa's website and boundary with whatever arrives; here
the official fields change only when a kecamatan moderator accepts
(`accept`). A push equal to the latest pending proposal, or to what the desa
already has, stores nothing and counts as unchanged.
"""

import json
import math

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdentityProposal, ProposalStatus
from .protocol import PushRefused, PushResult, require_own_desa

MAX_PATH_CHARS = 512 * 1024
MAX_POINTS = 20_000
# A boundary is a multipolygon at most: polygons, rings, points, [lat, lon].
MAX_DEPTH = 4
MAX_SEBUTAN = 50
MAX_WEBSITE = 300
# Indonesia, with a margin (cms/core/models.py LocationFields uses the same).
LATITUDES = (-11.5, 6.5)
LONGITUDES = (94.5, 141.5)


class BadBoundary(ValueError):
    """The path is not a boundary; the message says why, in words."""


def parse_boundary(text: str):
    """The boundary in `text` (OpenSID's `config.path`): nested JSON arrays
    whose innermost arrays are [lat, lon] pairs inside Indonesia. None for an
    empty one (OpenSID's default `[[[[]]]]`, or blank)."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_PATH_CHARS:
        raise BadBoundary(
            _("The boundary is longer than %(limit)s characters.")
            % {"limit": MAX_PATH_CHARS}
        )
    try:
        value = json.loads(text)
    except ValueError:
        raise BadBoundary(_("The boundary is not JSON.")) from None
    points = _check(value, depth=1, counted=[0])
    return value if points else None


def _is_point(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in value)
    )


def _check(value, depth: int, counted: list) -> int:
    """The number of points in `value`, raising BadBoundary on anything that
    is not nested arrays of [lat, lon] pairs."""
    if not isinstance(value, list):
        raise BadBoundary(_("The boundary must be nested arrays of [lat, lon]."))
    if depth > MAX_DEPTH:
        raise BadBoundary(_("The boundary is nested too deeply."))
    if _is_point(value):
        _check_point(value)
        counted[0] += 1
        if counted[0] > MAX_POINTS:
            raise BadBoundary(
                _("The boundary has more than %(limit)s points.")
                % {"limit": MAX_POINTS}
            )
        return 1
    return sum(_check(item, depth + 1, counted) for item in value)


def _check_point(point) -> None:
    lat, lon = point
    if not all(math.isfinite(n) for n in point):
        raise BadBoundary(_("The boundary has a point that is not a number."))
    if not (LATITUDES[0] <= lat <= LATITUDES[1]) or not (
        LONGITUDES[0] <= lon <= LONGITUDES[1]
    ):
        raise BadBoundary(
            _("The boundary has a point outside Indonesia (expected [lat, lon]).")
        )


def _website(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        if len(value) > MAX_WEBSITE:
            raise ValidationError("too long")
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise PushRefused(
            _("The website is not a web address."),
            {"website": [_("Expected an address such as https://desa.example.")]},
        ) from None
    return value


def _sebutan(value: str) -> str:
    value = (value or "").strip()
    if not value or len(value) > MAX_SEBUTAN:
        raise PushRefused(
            _("What the desa is called (sebutan_desa) is missing or too long."),
            {"sebutan_desa": [_("Required, at most 50 characters.")]},
        )
    return value


def _boundary(value: str):
    try:
        return parse_boundary(value)
    except BadBoundary as error:
        raise PushRefused(
            _("The boundary (path) is not valid: %(reason)s")
            % {"reason": error.args[0]},
            {"path": [str(error.args[0])]},
        ) from None


def _same_as_official(desa, website: str, boundary) -> bool:
    return (website or "") == (desa.website or "") and boundary == desa.boundary


def receive_identity(desa, payload) -> PushResult:
    """Store what the push proposes, as a pending IdentityProposal."""
    form = payload.form
    require_own_desa(form.get("kode_desa"), desa, "kode_desa")
    sebutan = _sebutan(form.get("sebutan_desa"))
    website = _website(form.get("website"))
    boundary = _boundary(form.get("path"))
    latest = (
        IdentityProposal.objects.filter(desa=desa, status=ProposalStatus.PENDING)
        .order_by("-received_at", "-pk")
        .first()
    )
    if latest is not None:
        unchanged = (latest.sebutan_desa, latest.website, latest.boundary) == (
            sebutan,
            website,
            boundary,
        )
    else:
        unchanged = _same_as_official(desa, website, boundary)
    if unchanged:
        return PushResult(
            message=_("The desa identity is unchanged; nothing new to review."),
            received=1,
            unchanged=1,
        )
    IdentityProposal.objects.create(
        desa=desa, sebutan_desa=sebutan, website=website, boundary=boundary
    )
    return PushResult(
        message=_(
            "The desa identity was received; the kecamatan will review it before "
            "it changes anything."
        ),
        received=1,
        created=1,
    )


def accept(proposal: IdentityProposal, user) -> None:
    """Apply a pending proposal to the desa: its website (when it sends one)
    and boundary. What the desa calls itself stays informative. The fields
    are written to the live page and to its latest revision, so that
    publishing a draft saved before the decision keeps them."""
    desa = proposal.desa
    fields = {}
    if proposal.website:
        fields["website"] = proposal.website
    if proposal.boundary is not None:
        fields["boundary"] = proposal.boundary
    if fields:
        type(desa).objects.filter(pk=desa.pk).update(**fields)
        revision = desa.latest_revision
        if revision is not None:
            revision.content.update(fields)
            revision.save(update_fields=["content"])
    _decide(proposal, user, ProposalStatus.ACCEPTED)


def reject(proposal: IdentityProposal, user) -> None:
    _decide(proposal, user, ProposalStatus.REJECTED)


def _decide(proposal: IdentityProposal, user, status: str) -> None:
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
