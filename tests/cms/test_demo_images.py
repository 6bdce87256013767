"""Demo illustrations: photo-sized, small, the same on every run, drawn
after what the title is about, and described for alt text."""

from io import BytesIO

import pytest
from PIL import Image

from cms.demo.images import illustrate


def opened(data: bytes) -> Image.Image:
    return Image.open(BytesIO(data))


def test_photo_sized_small_jpeg_the_same_every_run():
    data, _description = illustrate("Curug Penaraban")
    image = opened(data)
    assert (image.format, image.size) == ("JPEG", (1200, 800))
    assert len(data) < 120_000
    assert illustrate("Curug Penaraban")[0] == data


@pytest.mark.parametrize(
    ("title", "drawn"),
    [
        ("Curug Mrawu, Curug Genting dan pemandian air panas", "air terjun"),
        ("Kopi Senggani, arabika dari ketinggian 1.300 mdpl", "kopi"),
        ("Domba Batur dan kelompok peternak Kendil Makmur", "domba"),
        ("Rabat beton jalan lingkungan Desa Biting 60%", "sedang dikerjakan"),
        ("Desa Giritirta", "panorama desa"),
        ("Kelas ibu hamil di Desa Tlahab", "balai desa"),
        ("Separator gas rawa Pegundungan diresmikan gubernur", "rumah-rumah desa"),
    ],
)
def test_the_picture_follows_the_title(title, drawn):
    _data, description = illustrate(title)
    assert description.startswith("Ilustrasi contoh: ")
    assert drawn in description


def test_titles_get_different_pictures_with_many_colours():
    first = opened(illustrate("Desa Beji")[0]).convert("RGB")
    second = opened(illustrate("Desa Gembol")[0]).convert("RGB")
    assert first.tobytes() != second.tobytes()
    # A landscape, not a gradient block: green land below a sky that is not.
    pixels = list(first.resize((120, 80)).get_flattened_data())
    green = sum(1 for r, g, b in pixels if g > r + 10 and g > b + 10)
    assert 0.2 < green / len(pixels) < 0.8
    assert (
        len(set(first.resize((120, 80)).quantize(colors=64).get_flattened_data())) >= 24
    )
