"""Plays a desa's OpenSID (manage.py opensid_push, the demo): builds the exact
requests its Sinkronisasi page sends, from generated data, and sends them
in-process or over HTTP.

- formats.py: the bytes OpenSID's libraries write (CSV, XLSX, ZIP,
  multipart, JSON) and the PDFs and photos a desa uploads;
- residents.py, samples.py: the generated data;
- columns.py, files.py: the header rows, and the request of each endpoint
  per OpenSID version;
- opensid.py: the buttons pressed in order (Simulation);
- sender.py: in-process (Django's test client) or HTTP (httpx)."""

from .files import BUTTONS, NEWER, V2410, VERSIONS, Request, Village, village_of
from .opensid import Simulation, make_residents

__all__ = [
    "BUTTONS",
    "NEWER",
    "V2410",
    "VERSIONS",
    "Request",
    "Simulation",
    "Village",
    "make_residents",
    "village_of",
]
