"""Residents, in aggregate, pushed by OpenSID (to be built)."""

from .protocol import PushRefused


def receive_residents(desa, payload):
    raise PushRefused("belum tersedia")


def receive_deletions(desa, payload):
    raise PushRefused("belum tersedia")
