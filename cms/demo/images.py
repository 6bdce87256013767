"""Generated illustrations for the demo: no downloads, deterministic.

Each image is a flat landscape of the Dieng highlands, drawn with Pillow at
the size of a real photo: a sky, layers of misty mountains, terraced hills,
and in front what the title is about (a waterfall for a curug, coffee
shrubs, Domba Batur sheep, a road being built, village houses). Colours,
shapes and time of day follow a generator seeded with the title, so a run
always draws the same picture and no two titles look alike. The alt text
(the image's description) says what is drawn and that it is an illustration.
"""

import hashlib
import math
import random
from collections.abc import Callable
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

SIZE = (1200, 800)
WIDTH, HEIGHT = SIZE
QUALITY = 82

# (sky top, sky horizon, sun) for a few times of day.
SKIES = [
    ((86, 156, 224), (214, 234, 248), (255, 247, 214)),  # clear morning
    ((120, 170, 214), (250, 214, 170), (255, 226, 150)),  # early light
    ((154, 178, 204), (226, 232, 238), (246, 246, 240)),  # misty
    ((236, 150, 110), (252, 222, 170), (255, 240, 200)),  # dusk
]
ROOFS = [(178, 74, 48), (150, 60, 44), (196, 98, 60), (96, 96, 110)]
WALLS = [(244, 236, 214), (232, 240, 232), (250, 226, 196), (226, 232, 244)]

Colour = tuple[int, int, int]


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _ridge(rng: random.Random, base: float, amplitude: float, waves: int = 3):
    """y of a hill line for each x: a sum of sines with seeded phases."""
    terms = [
        (amplitude / (k + 1), rng.uniform(0.5, 1.5) * (k + 1), rng.uniform(0, 6.3))
        for k in range(waves)
    ]

    def height(x: float) -> float:
        u = x / WIDTH * math.pi * 2
        return base - sum(a * math.sin(f * u + p) for a, f, p in terms)

    return height


def _fill_below(draw, height, colour: Colour, step: int = 8) -> None:
    points = [(x, height(x)) for x in range(0, WIDTH + step, step)]
    draw.polygon([*points, (WIDTH, HEIGHT), (0, HEIGHT)], fill=colour)


def _sky(image, draw, rng: random.Random) -> tuple[Colour, Colour]:
    top, horizon, sun = rng.choice(SKIES)
    column = PILImage.new("RGB", (1, HEIGHT))
    column.putdata([_mix(top, horizon, min(1, y / 520)) for y in range(HEIGHT)])
    image.paste(column.resize(SIZE, PILImage.Resampling.NEAREST))
    x, y, r = rng.randint(150, 1050), rng.randint(90, 220), rng.randint(38, 60)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=sun)
    return horizon, sun


def _mountains(draw, rng: random.Random, horizon: Colour) -> None:
    """Distant volcanic peaks paling into the haze, with mist between."""
    far = (88, 116, 132)
    for layer, base in enumerate((380, 430, 480)):
        colour = _mix(horizon, _mix(far, (60, 100, 80), layer / 2), 0.45 + layer * 0.2)
        _fill_below(draw, _ridge(rng, base, 70 - layer * 15, waves=4), colour)
        mist_y = base + rng.randint(10, 40)
        for thickness in (26, 16, 8):  # denser towards the middle
            middle = mist_y + 13
            draw.rectangle(
                [0, middle - thickness / 2, WIDTH, middle + thickness / 2],
                fill=(*horizon, 45),
            )


def _terraces(draw, rng: random.Random, top: float, greens) -> Callable:
    """Terraced fields on a near hill: bands following the hill's curve."""
    hill = _ridge(rng, top, 40, waves=2)
    bands = rng.randint(7, 11)
    depth = (HEIGHT - top + 40) / bands
    for band in range(bands):
        offset = band * depth

        def line(x, offset=offset, band=band):
            return hill(x) + offset + 6 * math.sin(x / 90 + band)

        _fill_below(draw, line, greens[band % len(greens)])
        edge = [(x, line(x)) for x in range(0, WIDTH + 12, 12)]
        draw.line(edge, fill=_mix(greens[0], (40, 60, 30), 0.5), width=2)
    return hill


def _pine(draw, x: float, y: float, size: float, colour: Colour) -> None:
    draw.rectangle(
        [x - size * 0.06, y - size * 0.2, x + size * 0.06, y], fill=(92, 70, 52)
    )
    for tier in range(3):
        top = y - size * (0.45 + tier * 0.25)
        width = size * (0.42 - tier * 0.1)
        draw.polygon(
            [(x - width, top + size * 0.35), (x + width, top + size * 0.35), (x, top)],
            fill=colour,
        )


def _trees(draw, rng: random.Random, hill, greens, count: int) -> None:
    for _ in range(count):
        x = rng.uniform(0, WIDTH)
        _pine(draw, x, hill(x) + rng.uniform(4, 20), rng.uniform(40, 80), greens[-1])


def _house(draw, x: float, ground: float, size: float, rng: random.Random) -> None:
    wall, roof = rng.choice(WALLS), rng.choice(ROOFS)
    w, h = size, size * 0.62
    draw.rectangle([x, ground - h, x + w, ground], fill=wall)
    draw.polygon(
        [
            (x - w * 0.12, ground - h),
            (x + w * 1.12, ground - h),
            (x + w * 0.5, ground - h - w * 0.45),
        ],
        fill=roof,
    )
    draw.rectangle(
        [x + w * 0.42, ground - h * 0.62, x + w * 0.6, ground], fill=(110, 78, 56)
    )
    for wx in (x + w * 0.12, x + w * 0.72):
        draw.rectangle(
            [wx, ground - h * 0.7, wx + w * 0.16, ground - h * 0.42],
            fill=(90, 128, 150),
        )


# Foregrounds: what the title is about.


def _village(draw, rng, greens) -> str:
    ground = _terraces(draw, rng, 560, greens)
    for _ in range(rng.randint(3, 6)):
        x = rng.uniform(40, WIDTH - 200)
        _house(draw, x, ground(x) + rng.uniform(30, 120), rng.uniform(90, 150), rng)
    _trees(draw, rng, ground, greens, rng.randint(3, 7))
    return "rumah-rumah desa di antara sawah berundak dan pegunungan"


def _panorama(draw, rng, greens) -> str:
    ground = _terraces(draw, rng, 600, greens)
    for _ in range(rng.randint(6, 10)):
        x = rng.uniform(20, WIDTH - 120)
        _house(draw, x, ground(x) + rng.uniform(20, 60), rng.uniform(50, 80), rng)
    _trees(draw, rng, ground, greens, rng.randint(6, 12))
    return "panorama desa di lereng pegunungan dengan sawah berundak"


def _waterfall(draw, rng, greens) -> str:
    cliff = _mix(greens[-1], (70, 70, 60), 0.4)
    left, right = rng.randint(380, 520), rng.randint(700, 820)
    draw.polygon(
        [(left - 160, HEIGHT), (left, 260), (right, 240), (right + 160, HEIGHT)],
        fill=cliff,
    )
    x0, x1 = (left + right) / 2 - 45, (left + right) / 2 + 45
    draw.rectangle([x0, 250, x1, 660], fill=(214, 236, 246))
    for _ in range(14):
        x = rng.uniform(x0 + 4, x1 - 4)
        draw.line([(x, 252), (x, 660)], fill=(170, 210, 232), width=3)
    draw.ellipse([x0 - 220, 620, x1 + 220, 760], fill=(96, 160, 190))
    draw.ellipse([x0 - 70, 610, x1 + 70, 680], fill=(255, 255, 255, 150))
    for side in (0, 1):
        for _ in range(4):
            x = rng.uniform(40, 300) if side == 0 else rng.uniform(900, 1160)
            _pine(draw, x, rng.uniform(560, 790), rng.uniform(90, 160), greens[-1])
    return "air terjun di antara tebing berhutan, dengan kolam di bawahnya"


def _coffee(draw, rng, greens) -> str:
    ground = _terraces(draw, rng, 600, greens)
    _trees(draw, rng, ground, greens, 3)
    leaf = _mix(greens[-1], (20, 70, 30), 0.4)
    for _ in range(rng.randint(4, 6)):
        cx, cy = rng.uniform(60, WIDTH - 60), rng.uniform(650, 780)
        for _ in range(9):
            r = rng.uniform(30, 60)
            x, y = cx + rng.uniform(-70, 70), cy + rng.uniform(-90, 10)
            draw.ellipse([x - r, y - r * 0.7, x + r, y + r * 0.7], fill=leaf)
        for _ in range(14):
            x, y = cx + rng.uniform(-60, 60), cy + rng.uniform(-90, 0)
            colour = rng.choice([(196, 30, 40), (220, 60, 40), (120, 170, 60)])
            draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=colour)
    return "tanaman kopi berbuah merah di kebun lereng bukit"


def _sheep(draw, rng, greens) -> str:
    ground = _ridge(rng, 600, 30, waves=2)
    _fill_below(draw, ground, greens[1])
    _trees(draw, rng, ground, greens, 4)
    draw.rectangle([0, 690, WIDTH, 700], fill=(150, 116, 80))  # fence rail
    for x in range(30, WIDTH, 140):
        draw.rectangle([x, 660, x + 10, 760], fill=(130, 98, 66))
    for _ in range(rng.randint(3, 5)):
        x, y, s = (
            rng.uniform(80, WIDTH - 180),
            rng.uniform(700, 760),
            rng.uniform(0.8, 1.2),
        )
        for leg in (0.25, 0.45, 0.7, 0.85):
            draw.line(
                [(x + 120 * s * leg, y), (x + 120 * s * leg, y + 45 * s)],
                fill=(60, 50, 45),
                width=6,
            )
        draw.ellipse([x, y - 60 * s, x + 120 * s, y + 15 * s], fill=(240, 234, 220))
        draw.ellipse(
            [x + 100 * s, y - 70 * s, x + 150 * s, y - 25 * s], fill=(70, 60, 54)
        )
    return "domba berbulu putih di padang rumput dataran tinggi"


def _road(draw, rng, greens, building: bool = False) -> str:
    ground = _terraces(draw, rng, 570, greens)
    _trees(draw, rng, ground, greens, 5)
    vanish = rng.randint(480, 720)
    draw.polygon(
        [(vanish - 12, 585), (vanish + 12, 585), (980, HEIGHT), (220, HEIGHT)],
        fill=(150, 150, 146),
    )
    for i in range(8):
        t0, t1 = i / 8, (i + 0.45) / 8
        ya, yb = 585 + (HEIGHT - 585) * t0, 585 + (HEIGHT - 585) * t1
        xa, xb = vanish + (600 - vanish) * t0, vanish + (600 - vanish) * t1
        draw.line(
            [(xa, ya), (xb, yb)], fill=(246, 246, 240), width=max(2, int(10 * t1))
        )
    if building:
        for x in (120, 1000):
            draw.polygon([(x, 780), (x + 170, 780), (x + 85, 690)], fill=(150, 120, 90))
        for x in (300, 860):
            draw.polygon([(x, 780), (x + 40, 780), (x + 20, 720)], fill=(240, 120, 30))
        return (
            "jalan desa berlapis beton yang sedang dikerjakan, dengan tumpukan material"
        )
    return "jalan desa berbelok di antara sawah berundak"


def _hall(draw, rng, greens) -> str:
    """The balai desa: a long hall with a pendopo roof and the flag."""
    ground = _terraces(draw, rng, 600, greens)
    _trees(draw, rng, ground, greens, rng.randint(3, 6))
    x, base = rng.randint(260, 560), 730
    wall, roof = rng.choice(WALLS), rng.choice(ROOFS)
    draw.rectangle([x - 40, base, x + 560, base + 30], fill=(200, 196, 186))
    draw.rectangle([x, base - 150, x + 520, base], fill=wall)
    draw.polygon(
        [
            (x - 50, base - 150),
            (x + 570, base - 150),
            (x + 420, base - 250),
            (x + 100, base - 250),
        ],
        fill=roof,
    )
    for column in range(6):
        cx = x + 30 + column * 92
        draw.rectangle([cx, base - 150, cx + 14, base], fill=(150, 110, 80))
    draw.rectangle([x + 220, base - 100, x + 300, base], fill=(110, 78, 56))
    pole = x - 140
    draw.rectangle([pole, base - 260, pole + 8, base + 20], fill=(210, 210, 210))
    draw.rectangle([pole + 8, base - 258, pole + 98, base - 228], fill=(206, 32, 40))
    draw.rectangle([pole + 8, base - 228, pole + 98, base - 198], fill=(250, 250, 250))
    return "balai desa berpendopo dengan bendera Merah Putih, di antara sawah berundak"


def _fields(draw, rng, greens) -> str:
    ground = _terraces(draw, rng, 520, greens)
    for _ in range(rng.randint(20, 34)):
        x = rng.uniform(0, WIDTH)
        y = ground(x) + rng.uniform(60, 260)
        draw.ellipse(
            [x - 14, y - 8, x + 14, y + 8], fill=_mix(greens[-1], (30, 80, 30), 0.4)
        )
    _house(draw, rng.uniform(100, 1000), 600, 70, rng)
    return "ladang sayur berundak di lereng dataran tinggi"


SUBJECTS: list[tuple[tuple[str, ...], Callable]] = [
    (("curug", "air terjun", "air panas", "pemandian"), _waterfall),
    (("kopi",), _coffee),
    (("domba", "ternak"), _sheep),
    (("%",), lambda d, r, g: _road(d, r, g, building=True)),
    (("jalan", "rabat", "beton", "talud", "jembatan", "drainase"), _road),
    (("kentang", "embun", "tani", "carica", "ladang"), _fields),
    (
        ("musyawarah", "balai", "jadwal", "posyandu", "kelas", "pelatihan")
        + ("lomba", "perpustakaan", "pemeriksaan", "peluncuran", "sistem"),
        _hall,
    ),
]


def _subject(title: str) -> Callable:
    lowered = title.lower()
    if lowered.startswith("desa "):
        return _panorama
    for words, draw in SUBJECTS:
        if any(word in lowered for word in words):
            return draw
    return _village


def _greens(rng: random.Random) -> list[Colour]:
    hue = rng.uniform(-18, 18)
    base = [(132, 176, 84), (108, 160, 74), (150, 188, 96), (74, 124, 62)]
    return [(int(r + hue), int(g - abs(hue) / 2), int(b - hue / 2)) for r, g, b in base]


def _label(draw) -> None:
    font = ImageFont.load_default(size=18)
    text = "Ilustrasi contoh"
    box = draw.textbbox((0, 0), text, font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    x, y = WIDTH - w - 24, HEIGHT - h - 22
    draw.rectangle([x - 8, y - 6, x + w + 8, y + h + 8], fill=(0, 0, 0, 110))
    draw.text((x, y - box[1]), text, fill=(255, 255, 255), font=font)


def illustrate(title: str) -> tuple[bytes, str]:
    """The JPEG illustration for `title` and a description of it."""
    seed = int.from_bytes(hashlib.sha256(title.encode()).digest()[:8], "big")
    rng = random.Random(seed)  # noqa: S311 (repeatable drawing, not secrets)
    image = PILImage.new("RGB", SIZE)
    draw = ImageDraw.Draw(image, "RGBA")
    horizon, _sun = _sky(image, draw, rng)
    _mountains(draw, rng, horizon)
    described = _subject(title)(draw, rng, _greens(rng))
    _label(draw)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=QUALITY, optimize=True)
    return buffer.getvalue(), f"Ilustrasi contoh: {described}"


def render(title: str) -> bytes:
    return illustrate(title)[0]


def demo_image(title: str, collection: Collection):
    """The demo image with this title in this collection, made once."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    digest = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    data, description = illustrate(title)
    image = image_model(title=title, collection=collection, description=description)
    image.file = ImageFile(BytesIO(data), name=f"demo-{digest}.jpg")
    image.save()
    return image
