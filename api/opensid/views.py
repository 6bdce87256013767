"""The endpoints OpenSID calls when a desa operator presses "Kirim" on its
Sinkronisasi page (the OpenDK push protocol, docs/opensid-sync.md).

Every answer is one OpenSID can read, and none is a 5xx (OpenSID v2410 hangs
on one):
- success: 200 {"status": "success", "message": ...};
- bad input, a wrong or missing key, another desa's code, too many pushes:
  4xx {"message", "errors": {...}}. Calls OpenSID makes with curl (resident
  deletions, reports) show only a 422 as a failure, so they get 422 for
  every refusal;
- a failure while storing: 200 {"status": "danger", ...} for the calls
  OpenSID makes with Guzzle (it shows them in red), 422 for the curl ones.

A push is all or nothing: the handler runs in one transaction, and every
push, refused or not, is recorded (cms.opensid.models.SyncPush) once the key
is known.
"""

import json
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import transaction
from django.http import JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.accounts.addresses import client_address
from cms.opensid.models import Module, Outcome, SyncKey, SyncPush
from cms.opensid.protocol import PushRefused, PushResult, undo_files_on_failure

logger = logging.getLogger(__name__)

GUZZLE, CURL = "guzzle", "curl"


@dataclass
class Payload:
    """The request's body, read once: a form, a JSON document, or a file."""

    form: QueryDict = field(default_factory=QueryDict)
    json: object = None
    file: object = None  # an UploadedFile


def _bearer(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    # OpenSID's disabled "?token=" alternative is not accepted: a key in the
    # query string ends up in every access log.
    return ""


def authenticate(request) -> SyncKey:
    plain = _bearer(request)
    if not plain:
        raise PushRefused(
            _("No sync key was sent. Enter the desa's key in OpenSID's settings."),
            {"authorization": [_("The Authorization: Bearer header is missing.")]},
            status=401,
        )
    key = SyncKey.objects.for_bearer(plain)
    if key is None:
        raise PushRefused(
            _(
                "The sync key is not valid, has expired or was revoked. Ask the "
                "kecamatan for a new key."
            ),
            {"authorization": [_("Unknown sync key.")]},
            status=401,
        )
    return key


def throttle(key: SyncKey) -> None:
    """At most OPENSID_PUSHES_PER_MINUTE pushes a minute per key. Without a
    working cache the push goes through (the cache tolerates an outage)."""
    limit = settings.OPENSID_PUSHES_PER_MINUTE
    if not limit:
        return
    window = f"opensid-push:{key.pk}:{int(time.time() // 60)}"
    try:
        added = cache.add(window, 1, timeout=90)
        count = 1 if added else cache.incr(window)
    except Exception:  # noqa: BLE001 - an evicted counter or a cache outage
        return
    if count > limit:
        raise PushRefused(
            _("Too many pushes with this key; wait a minute and send again."),
            {"key": [_("At most %(limit)s pushes a minute.") % {"limit": limit}]},
            status=429,
        )


def _too_big() -> PushRefused:
    return PushRefused(
        _("The request is larger than this server accepts (%(mb)s MB).")
        % {"mb": settings.OPENSID_MAX_REQUEST_BYTES // 2**20},
        {"file": [_("Too large.")]},
        status=413,
    )


def read_payload(request, body: str) -> Payload:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.OPENSID_MAX_REQUEST_BYTES:
        raise _too_big()
    try:
        if body == "json":
            raw = request.read(settings.OPENSID_MAX_REQUEST_BYTES + 1)
            if len(raw) > settings.OPENSID_MAX_REQUEST_BYTES:
                raise _too_big()
            try:
                document = json.loads(raw.decode("utf-8-sig") or "null")
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise PushRefused(
                    _("The body is not valid JSON."),
                    {"body": [_("Expected a JSON object.")]},
                ) from None
            if not isinstance(document, dict):
                raise PushRefused(
                    _("The body is not valid JSON."),
                    {"body": [_("Expected a JSON object.")]},
                )
            return Payload(json=document)
        if body == "multipart":
            upload = request.FILES.get("file")
            if upload is None:
                raise PushRefused(
                    _("No file was sent."),
                    {"file": [_('The multipart part "file" (a ZIP) is missing.')]},
                )
            return Payload(form=request.POST, file=upload)
        return Payload(form=request.POST)
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        raise _too_big() from None
    except MultiPartParserError:
        raise PushRefused(
            _("The multipart body cannot be read."),
            {"body": [_("Not a valid multipart/form-data body.")]},
        ) from None


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Keeps an upload in memory whatever its size (the request's size is
    already bounded): a push of residents never lands in a temporary file
    that a killed worker would leave behind."""

    def handle_raw_input(self, *args, **kwargs):
        super().handle_raw_input(*args, **kwargs)
        self.activated = True


def _refusal(refused: PushRefused, style: str) -> JsonResponse:
    status = 422 if style == CURL else refused.status
    return JsonResponse(
        {"status": "danger", "message": refused.message, "errors": refused.errors},
        status=status,
    )


def _record(request, key, module, started, outcome, status, message, result=None):
    if key is None:
        return
    try:
        SyncPush.objects.create(
            desa=key.desa,
            key=key,
            module=module,
            outcome=outcome,
            http_status=status,
            rows_received=result.received if result else 0,
            created=result.created if result else 0,
            updated=result.updated if result else 0,
            unchanged=result.unchanged if result else 0,
            message=message[:2000],
            duration_ms=int((time.monotonic() - started) * 1000),
            remote_addr=client_address(request) or None,
        )
        SyncKey.objects.filter(pk=key.pk).update(
            last_used_at=timezone.now(),
            last_used_from=client_address(request) or None,
        )
    except Exception as error:  # noqa: BLE001 - the answer matters more
        logger.error("Could not record an OpenSID push: %s", type(error).__name__)


def sync_view(
    module: Module,
    handler,
    *,
    body: str,
    style: str = GUZZLE,
    personal: bool = False,
):
    """A view for one push endpoint: `handler(desa, payload) -> PushResult`
    does the work inside a transaction, or raises PushRefused. `personal`:
    the upload holds residents' personal data, so it is kept in memory and
    never spooled to a temporary file."""

    @csrf_exempt
    def view(request, *args, **kwargs):
        started = time.monotonic()
        key = None
        if request.method != "POST":
            return JsonResponse({"message": _("Use POST."), "errors": {}}, status=405)
        try:
            key = authenticate(request)
            if personal:
                request.upload_handlers = [InMemoryUploadHandler(request)]
            throttle(key)
            payload = read_payload(request, body)
            with undo_files_on_failure(), transaction.atomic():
                result = handler(key.desa, payload)
        except PushRefused as refused:
            response = _refusal(refused, style)
            detail = "; ".join(
                f"{field}: {' '.join(map(str, messages))}"
                for field, messages in list(refused.errors.items())[:5]
            )
            _record(
                request,
                key,
                module,
                started,
                Outcome.REFUSED,
                response.status_code,
                f"{refused.message} {detail}".strip(),
            )
            return response
        except Exception as error:  # noqa: BLE001 - never a 5xx to OpenSID
            # Never the exception's text: it may quote a resident's value.
            logger.error(
                "OpenSID push %s failed: %s", module.value, type(error).__name__
            )
            message = _(
                "The server could not store the data; nothing was changed. The "
                "kecamatan has been told; try again later."
            )
            status = 422 if style == CURL else 200
            _record(request, key, module, started, Outcome.FAILED, status, message)
            return JsonResponse(
                {"status": "danger", "message": message, "errors": {}}, status=status
            )
        _record(
            request, key, module, started, Outcome.SUCCESS, 200, result.message, result
        )
        return JsonResponse({"status": "success", "message": result.message})

    view.module = module
    view.personal = personal
    return view


def acknowledged(message: str):
    """A handler that stores nothing and answers `message`."""

    def handler(desa, payload) -> PushResult:
        return PushResult(message=message)

    return handler
