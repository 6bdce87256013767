"""Sending the simulator's requests (cms/opensid/simulator/): in-process,
through Django's test client against this very project, or over HTTP to a
server, as OpenSID does (its server setting and "/api/v1/…" concatenated
as typed, the key as a bearer token)."""

import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .files import Request

API = "/api/v1/"


@dataclass
class Answer:
    """What the server answered one request."""

    module: str
    status: int
    document: dict | None
    text: str = ""

    @property
    def accepted(self) -> bool:
        return (
            self.status == 200
            and isinstance(self.document, dict)
            and self.document.get("status") in ("success", True)
        )

    def describe(self) -> str:
        """One line: module, HTTP status, OpenSID's status word, message and
        the first errors (messages name rows and columns, never values)."""
        document = self.document if isinstance(self.document, dict) else {}
        message = str(document.get("message", "") or self.text[:200])
        errors = document.get("errors") or {}
        detail = "; ".join(
            f"{name}: {' '.join(map(str, problems))}"
            for name, problems in list(errors.items())[:3]
            if isinstance(problems, list)
        )
        word = document.get("status", "")
        line = f"{self.module}: HTTP {self.status} {word} - {message}"
        return f"{line} ({detail})" if detail else line


def _decode(module: str, status: int, content: bytes) -> Answer:
    try:
        document = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Answer(module, status, None, content.decode("utf-8", "replace"))
    return Answer(module, status, document)


def local_host() -> str:
    """A host name this project answers to, for in-process requests."""
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host:
            return host.lstrip(".")
    return "localhost"


@contextmanager
def _quiet_request_log():
    """Django logs every 4xx as a warning; the answers are printed anyway."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def send_in_process(requests: list[Request], key: str) -> list[Answer]:
    """Each request through Django's test client, one after the other. A
    crash of the project is reported as an answer, never raised."""
    from django.test import Client

    client = Client(raise_request_exception=False, HTTP_HOST=local_host())
    answers = []
    for request in requests:
        headers = {**request.headers, "Authorization": f"Bearer {key}"}
        try:
            with _quiet_request_log():
                response = client.post(
                    API + request.module,
                    data=request.body,
                    content_type=request.content_type,
                    headers=headers,
                )
        except Exception as error:  # noqa: BLE001 - report, go on
            answers.append(Answer(request.module, 0, None, type(error).__name__))
            continue
        answers.append(_decode(request.module, response.status_code, response.content))
    return answers


def send_http(server: str, requests: list[Request], key: str) -> list[Answer]:
    """Each request over HTTP to `server` (e.g. https://kecamatan.example),
    with only the headers OpenSID sends (httpx's own Accept and User-Agent
    are dropped)."""
    import httpx

    answers = []
    with httpx.Client(timeout=120) as client:
        for name in ("user-agent", "accept", "accept-encoding"):
            client.headers.pop(name, None)
        for request in requests:
            headers = {
                **request.headers,
                "Content-Type": request.content_type,
                "Authorization": f"Bearer {key}",
            }
            try:
                response = client.post(
                    server + API + request.module,
                    content=request.body,
                    headers=headers,
                )
            except httpx.HTTPError as error:
                message = _("No answer: %(error)s") % {"error": type(error).__name__}
                answers.append(Answer(request.module, 0, None, message))
                continue
            answers.append(
                _decode(request.module, response.status_code, response.content)
            )
    return answers
