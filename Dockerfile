# Two images from one file: `--target frontend` is the public frontends alone
# (Flask, no Django or Wagtail: pip's "frontend" extra); the last stage, the
# default target, is the CMS (the "cms" extra), also used by the search worker.
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN useradd --create-home --uid 1000 simpul

WORKDIR /app
COPY pyproject.toml README.md ./


FROM base AS frontend

COPY frontend_templates ./frontend_templates
RUN pip install ".[frontend]"

USER simpul
EXPOSE 8080
CMD ["gunicorn", "frontend_templates.app:create_app()", "--bind=0.0.0.0:8080", "--workers=2", "--access-logfile=-"]


FROM base AS cms

ENV DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/srv/static \
    MEDIA_ROOT=/srv/media \
    PRIVATE_MEDIA_ROOT=/srv/private-media

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /srv/static /srv/media /srv/private-media \
    && chown simpul /srv/static /srv/media /srv/private-media

COPY cms ./cms
COPY api ./api
COPY aggregator ./aggregator
COPY manage.py ./
COPY deploy ./deploy
RUN pip install ".[cms]"

USER simpul
EXPOSE 8000
CMD ["sh", "deploy/start-cms.sh"]
