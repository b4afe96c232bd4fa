# Production image of the portal: gunicorn serves Django + Wagtail, the same
# image runs the Celery worker and beat (see docker-compose.yml).
#
#   docker build -t leernetwerk-portal .
#   docker run -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=... \
#       -e DATABASE_URL=... -e REDIS_URL=... -p 8000:8000 leernetwerk-portal

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production

# An unprivileged user runs every process of the container.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
# requirements.lock pins the exact versions (all wheels, no compiler needed).
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

# The code stays owned by root and read-only for the app user.
COPY . .

# Static files are collected into the image (var/static, served by WhiteNoise).
# Production settings refuse to load without a secret key, allowed hosts and
# the URLs of their services; these throwaway values exist only for this one
# command (which connects to none of them) and are not kept in the image.
RUN DJANGO_SECRET_KEY="build-time-only-collectstatic-key-not-used-at-runtime-0123456789" \
    DJANGO_ALLOWED_HOSTS="build.invalid" \
    DATABASE_URL="postgres://build@build.invalid/build" \
    REDIS_URL="redis://build.invalid:6379/0" \
    EMAIL_URL="smtp://build.invalid:25" \
    WAGTAILADMIN_BASE_URL="https://build.invalid" \
    python manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown app:app var/media

# var/media holds uploads (Wagtail images and documents): mount a volume there,
# or move media to object storage when running more than one machine
# (docs/deployment.md). A new named volume copies this owner from the image.

USER app

EXPOSE 8000

# PORT, WEB_CONCURRENCY, GUNICORN_THREADS and GUNICORN_TIMEOUT tune the server
# without a rebuild. Apply migrations before starting (a one-shot
# `python manage.py migrate --noinput`, as docker-compose.yml does).
CMD ["sh", "-c", "exec gunicorn portal.wsgi:application \
    --bind 0.0.0.0:${PORT:-8000} \
    --workers ${WEB_CONCURRENCY:-3} \
    --threads ${GUNICORN_THREADS:-2} \
    --timeout ${GUNICORN_TIMEOUT:-60} \
    --graceful-timeout 30 \
    --max-requests 1000 \
    --max-requests-jitter 100 \
    --worker-tmp-dir /dev/shm \
    --access-logfile - \
    --error-logfile -"]
