"""One desa's OpenSID at one moment: its data (generated) and the requests
pressing the buttons of its Sinkronisasi page sends. The buttons are sent in
the order given and, as in OpenSID, once Program Bantuan has been sent,
Pembangunan sends header-only files (its incremental filter reads the
programme sync time: samples README finding 9)."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from . import files, formats, residents, samples
from .files import (
    BUTTONS,
    GUZZLE_HEADERS,
    OPENSID_ZONE,
    PAGE_ROWS,
    V2410,
    Request,
    Village,
)


def opensid_now() -> datetime:
    """Now on OpenSID's clock: naive local time in Asia/Jakarta."""
    return datetime.now(OPENSID_ZONE).replace(tzinfo=None, microsecond=0)


@dataclass
class Simulation:
    """One desa's OpenSID at one moment (local time, Asia/Jakarta)."""

    village: Village
    version: str = V2410
    residents: int = 120
    seed: int = 14
    moment: datetime = field(default_factory=lambda: opensid_now())

    def __post_init__(self):
        self._rng = random.Random(self.seed)  # noqa: S311 (repeatable samples, not secrets)

    @property
    def today(self) -> date:
        return self.moment.date()

    @cached_property
    def people(self) -> list[dict]:
        return make_residents(self.residents, self.village.kode, self.seed, self.today)

    @cached_property
    def projects(self) -> list:
        return samples.projects(self.today)

    @cached_property
    def photo_names(self) -> dict:
        return files.project_photo_names(self.projects, self.moment, self.seed)

    def _guzzle(self, module: str, file_name: str, data: bytes) -> Request:
        boundary = f"{self._rng.getrandbits(160):040x}"
        content_type, body = formats.guzzle_multipart(
            boundary, file_name, data, self.village.kode
        )
        return Request(module, content_type, body, dict(GUZZLE_HEADERS))

    def _json(self, module: str, body: bytes) -> Request:
        headers = {"Accept-Encoding": files.CURL_ENCODING, "Accept": "application/json"}
        return Request(module, "application/json", body, headers)

    def identity(self) -> list[Request]:
        body = files.identity_form(self.village)
        return [
            Request(
                "identitas-desa",
                "application/x-www-form-urlencoded",
                body,
                dict(GUZZLE_HEADERS),
            )
        ]

    def population(self) -> list[Request]:
        name, data = files.resident_zip(
            self.people, self.village.kode, self.version, self.moment
        )
        boundary = "-" * 24 + f"{self._rng.getrandbits(64):016x}"
        content_type, body = formats.curl_multipart(
            boundary, f"desa/upload/sinkronisasi/{name}", data
        )
        headers = {"Accept": "*/*", "Accept-Encoding": files.CURL_ENCODING}
        deleted = residents.deleted_residents(self.people)
        return [
            Request("penduduk/storedata", content_type, body, headers),
            self._json(
                "penduduk",
                files.deletions_json(deleted, self.village.kode, self.version),
            ),
        ]

    def aid(self) -> list[Request]:
        kode = self.village.kode
        programmes = samples.programmes(self.today)
        people = samples.participants(self.people, self.seed)
        return [
            self._guzzle(
                "program-bantuan",
                *files.programme_zip(programmes, kode, self.version, self.moment),
            ),
            self._guzzle(
                "program-bantuan/peserta",
                *files.participant_zip(people, kode, self.version, self.moment),
            ),
        ]

    def development(self, header_only: bool = False) -> list[Request]:
        kode, names = self.village.kode, self.photo_names
        projects = [] if header_only else self.projects
        labels = {name: str(key) for key, name in names.items()}
        project_rows = [
            files.project_row(p, kode, self.version, names.get(p.id, ""))
            for p in projects
        ]
        progress = files.progress_rows(projects, kode, names, self.today)
        requests = []
        for kind, module, rows in (
            ("projects", "pembangunan", project_rows),
            ("progress", "pembangunan/dokumentasi", progress),
        ):
            for start in range(0, max(len(rows), 1), PAGE_ROWS):
                page = rows[start : start + PAGE_ROWS]
                zipped = files.development_zip(
                    kind, page, labels, self.version, self.moment
                )
                requests.append(self._guzzle(module, *zipped))
        return requests

    def reports(self, kind: str) -> list[Request]:
        reports = (
            samples.budget_reports(self.today)
            if kind == "apbdes"
            else samples.population_reports(self.today)
        )
        body = files.report_json(kind, reports, self.village.kode, self.moment)
        return [self._json(f"laporan-{kind}", body)]

    def requests(self, buttons=BUTTONS) -> list[Request]:
        """The requests of pressing `buttons` in this order."""
        sent_aid = False
        requests = []
        for button in buttons:
            if button == "identitas":
                requests += self.identity()
            elif button == "penduduk":
                requests += self.population()
            elif button == "pembangunan":
                requests += self.development(header_only=sent_aid)
            elif button == "bantuan":
                requests += self.aid()
                sent_aid = True
            elif button.startswith("laporan-"):
                requests += self.reports(button.removeprefix("laporan-"))
            else:
                raise ValueError(button)
        return requests


def make_residents(n: int, kode: str, seed: int, today: date) -> list[dict]:
    """The residents the simulator sends: the one place to swap generators.
    The generator must give raw database values (ints for codes, None for
    empty): files.resident_rows formats them per OpenSID version, and the
    participants are drawn by their codes. A generator of v2410-formatted
    strings (cms.opensid.fake) would be formatted twice."""
    return residents.fake_residents(n, kode, seed=seed, today=today)
