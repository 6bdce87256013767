"""The demo desa still on OpenSID: Ratamba (33.04.15.2011, the desa of the
captured requests in tests/opensid/samples/). It is marked as reading its
content from its own system (integration status "feed"), gets a sync key,
and its OpenSID's data is pushed in-process by the simulator, so the
kecamatan dashboard shows its synced projects, figures and reports from the
first `make demo`.

Idempotent: a module is pushed again only until the server has accepted it
once (a refusal is printed, never raised). The key's plain form is known
only when it is issued, so a run that still has modules to push rotates the
demo key."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.desa.models import DesaHomePage, IntegrationStatus
from cms.opensid.models import Outcome, SyncKey, SyncPush
from cms.opensid.simulator import BUTTONS, Simulation, village_of
from cms.opensid.simulator.sender import send_in_process

OPENSID_DESA = "33.04.15.2011"
KEY_LABEL = "Contoh: kunci demo OpenSID"
RESIDENTS = 150
# The requests of each button, as the modules they are recorded under.
BUTTON_MODULES = {
    "identitas": ("identitas-desa",),
    "penduduk": ("penduduk/storedata", "penduduk"),
    "pembangunan": ("pembangunan", "pembangunan/dokumentasi"),
    "bantuan": ("program-bantuan", "program-bantuan/peserta"),
    "laporan-apbdes": ("laporan-apbdes",),
    "laporan-penduduk": ("laporan-penduduk",),
}


def _pending(desa) -> list[str]:
    accepted = set(
        SyncPush.objects.filter(desa=desa, outcome=Outcome.SUCCESS).values_list(
            "module", flat=True
        )
    )
    return [button for button in BUTTONS if not set(BUTTON_MODULES[button]) <= accepted]


def _fresh_key(desa) -> str:
    SyncKey.objects.filter(desa=desa, label=KEY_LABEL, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    _key, plain = SyncKey.objects.issue(desa, label=KEY_LABEL)
    return plain


def push_opensid_desa(write) -> None:
    """Mark the OpenSID desa and push what the server has not accepted yet;
    `write` prints one line."""
    desa = DesaHomePage.objects.filter(kode_kemendagri=OPENSID_DESA).first()
    if desa is None:
        return
    if desa.integration_status != IntegrationStatus.FEED:  # a demo built before
        desa.integration_status = IntegrationStatus.FEED
        desa.save_revision().publish()
    buttons = _pending(desa)
    if not buttons:
        write(_("Desa %(name)s: its OpenSID data is synced.") % {"name": desa.name})
        return
    simulation = Simulation(village_of(desa), residents=RESIDENTS)
    answers = send_in_process(simulation.requests(buttons), _fresh_key(desa))
    for answer in answers:
        line = (
            _("OpenSID %(name)s, accepted: %(answer)s")
            if answer.accepted
            else _("OpenSID %(name)s, REFUSED: %(answer)s")
        )
        write("  " + line % {"name": desa.name, "answer": answer.describe()})
