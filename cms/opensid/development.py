"""Development projects and progress reports pushed by OpenSID (to be built)."""

from .protocol import PushRefused


def receive_projects(desa, payload):
    raise PushRefused("belum tersedia")


def receive_progress(desa, payload):
    raise PushRefused("belum tersedia")
