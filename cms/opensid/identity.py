"""Identity proposals pushed by OpenSID (to be built)."""

from .protocol import PushRefused


def receive_identity(desa, payload):
    raise PushRefused("belum tersedia")
