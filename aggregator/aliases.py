"""Spelling variants of desa names seen in public data, so that a search
for the old or variant spelling finds the desa under its official name.

Source: ../shared/data/README.md (Kemendagri 2020 spellings vs. older and
BPS spellings). Keyed by Kemendagri code, never by name: other kecamatan of
Banjarnegara have desa called Kalilunjar, Beji or Karangsari.
"""

VARIANTS: dict[str, tuple[str, ...]] = {
    "33.04.15.2007": ("Tlahap",),  # Tlahab
    "33.04.15.2008": ("Dermayasa",),  # Darmayasa (BPS still spells it so)
    "33.04.15.2010": ("Panusupan",),  # Penusupan
    "33.04.15.2013": ("Pagundungan",),  # Pegundungan
    "33.04.15.2003": ("Sarwadadi",),  # Sarwodadi
    "33.04.15.2016": ("Condong Campur",),  # Condongcampur
}


def names_for(kode: str | None, official: str | None) -> list[str]:
    """The official name and its known variants."""
    if not official:
        return []
    return [official, *VARIANTS.get(kode or "", ())]
