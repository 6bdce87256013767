"""manage.py opensid_push: play a desa's OpenSID and push its data."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.opensid.codes import normalise_kode
from cms.opensid.simulator import (
    BUTTONS,
    VERSIONS,
    Simulation,
    Village,
    village_of,
)
from cms.opensid.simulator.sender import send_http, send_in_process


def village_for(kode: str) -> Village:
    """The desa as this project knows it (name, centre, website), or a bare
    one when pushing to another server that knows a desa we do not."""
    from cms.desa.models import DesaHomePage

    desa = DesaHomePage.objects.filter(kode_kemendagri=kode).first()
    return Village(kode=kode, name=kode) if desa is None else village_of(desa)


class Command(BaseCommand):
    help = (
        "Play a desa's OpenSID: build the files OpenSID v2410 (or a newer "
        "OpenSID) sends from its Sinkronisasi page, from generated sample data "
        "with fake residents, and push them with the desa's sync key, to "
        "--server over HTTP or, without it, in-process to this project. The "
        "buttons are pressed in the order of --modules (as in OpenSID, "
        "pembangunan sends header-only files once bantuan was sent). Prints "
        "each answer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--desa", required=True, help="Kemendagri code")
        parser.add_argument("--key", required=True, help="the desa's sync key")
        parser.add_argument(
            "--server",
            help="e.g. https://kecamatan.example (without: in-process)",
        )
        parser.add_argument("--opensid", choices=VERSIONS, default=VERSIONS[0])
        parser.add_argument(
            "--modules", nargs="+", choices=BUTTONS, default=list(BUTTONS)
        )
        parser.add_argument("--residents", type=int, default=120)
        parser.add_argument("--seed", type=int, default=14)

    def handle(self, *args, **options):
        kode = normalise_kode(options["desa"])
        if kode is None:
            raise CommandError(_("--desa is not a desa code (NN.NN.NN.NNNN)."))
        if not 1 <= options["residents"] <= 100_000:
            raise CommandError(_("--residents must be between 1 and 100000."))
        simulation = Simulation(
            village_for(kode),
            version=options["opensid"],
            residents=options["residents"],
            seed=options["seed"],
        )
        requests = simulation.requests(options["modules"])
        if options["server"]:
            answers = send_http(options["server"], requests, options["key"])
        else:
            answers = send_in_process(requests, options["key"])
        for answer in answers:
            style = self.style.SUCCESS if answer.accepted else self.style.WARNING
            self.stdout.write(style(answer.describe()))
        accepted = sum(answer.accepted for answer in answers)
        self.stdout.write(
            _("%(accepted)s of %(total)s requests accepted.")
            % {"accepted": accepted, "total": len(answers)}
        )
