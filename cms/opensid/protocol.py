"""What an importer returns or raises; the HTTP layer (api/opensid/) turns
it into the answer OpenSID reads."""

from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class PushResult:
    """Counts of one push. `message` is shown to the OpenSID operator."""

    message: str
    received: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class PushRefused(Exception):
    """Bad input: nothing was stored. `errors` maps a field (or "baris 57")
    to messages, as OpenSID lists them under the message. Messages name rows
    and columns, never a resident's value."""

    def __init__(self, message: str, errors: dict | None = None, status: int = 422):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.status = status


@dataclass
class RowErrors:
    """Collects row errors up to a limit, then refuses the whole push."""

    limit: int = 20
    errors: dict = field(default_factory=dict)

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < self.limit:
            self.errors.setdefault(_("row %(row)s") % {"row": row}, []).append(
                f"{column}: {message}"
            )

    def raise_if_any(self) -> None:
        if self.errors:
            raise PushRefused(
                _("The file has errors; nothing was stored."), self.errors
            )


def require_own_desa(value, desa, field: str) -> None:
    """Refuse a payload that names a desa other than the key's: a key
    authorises writes for its own desa only."""
    from .codes import normalise_kode

    kode = normalise_kode(value)
    if kode is None:
        raise PushRefused(
            _("%(field)s is not a desa code (NN.NN.NN.NNNN).") % {"field": field},
            {field: [_("Not a desa code.")]},
        )
    if kode != desa.kode_kemendagri:
        raise PushRefused(
            _(
                "This key belongs to desa %(own)s (%(own_kode)s), but the data is "
                "for desa code %(kode)s. Nothing was stored."
            )
            % {"own": desa.name, "own_kode": desa.kode_kemendagri, "kode": kode},
            {field: [_("Another desa's code.")]},
            status=403,
        )


_written: ContextVar[list | None] = ContextVar("opensid_files_written", default=None)


@contextmanager
def undo_files_on_failure():
    """Files an importer writes (`wrote`) are deleted again when the push
    fails, its commit included: a rolled-back push leaves no orphan file."""
    written: list = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            with suppress(OSError):
                storage.delete(name)
        raise
    finally:
        _written.reset(token)


def wrote(storage, name: str) -> None:
    written = _written.get()
    if written is not None:
        written.append((storage, name))
