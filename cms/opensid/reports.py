"""PDF reports pushed by OpenSID (to be built)."""

from .protocol import PushRefused


def receive_budget_reports(desa, payload):
    raise PushRefused("belum tersedia")


def receive_population_reports(desa, payload):
    raise PushRefused("belum tersedia")
