from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data: Kecamatan Pejawaran, its 17 desa and sample content of every
    kind (`load_initial_data`), and `run_demo` for `make demo`. The one app
    besides the project wiring that may import every content app; nothing
    imports it."""

    name = "cms.demo"
    label = "demo"
