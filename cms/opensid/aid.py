"""Aid programmes pushed by OpenSID (to be built)."""

from .protocol import PushRefused


def receive_programmes(desa, payload):
    raise PushRefused("belum tersedia")


def receive_participants(desa, payload):
    raise PushRefused("belum tersedia")
