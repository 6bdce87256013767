#!/bin/sh
# Container entry point: migrate, collect static files, then serve.
set -e
python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0
exec gunicorn cms.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${GUNICORN_WORKERS:-2}" \
    --access-logfile - \
    --forwarded-allow-ips "*"
