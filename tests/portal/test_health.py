import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_health_is_200_when_database_cache_and_broker_are_up(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_broker_is_down(client):
    with override_settings(CELERY_BROKER_URL=CLOSED_PORT):
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["broker"].startswith("fout")
    assert body["checks"]["database"] == "ok"


def test_health_is_503_when_the_cache_is_down(client):
    broken_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT,
        }
    }
    with override_settings(CACHES=broken_cache):
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("fout")


def test_health_refuses_writes(client):
    assert client.post("/health/").status_code == 405


def test_health_answers_head_requests_for_load_balancers(client):
    assert client.head("/health/").status_code == 200


def test_health_is_503_when_the_embedded_brokers_folder_is_missing(client, tmp_path):
    missing = tmp_path / "weg"
    with override_settings(
        CELERY_BROKER_URL="filesystem://",
        CELERY_BROKER_TRANSPORT_OPTIONS={
            "data_folder_in": str(missing),
            "data_folder_out": str(missing),
            "control_folder": str(missing),
        },
    ):
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("fout")


def test_health_is_200_with_a_working_embedded_broker(client, tmp_path):
    with override_settings(
        CELERY_BROKER_URL="filesystem://",
        CELERY_BROKER_TRANSPORT_OPTIONS={
            "data_folder_in": str(tmp_path),
            "data_folder_out": str(tmp_path),
            "control_folder": str(tmp_path),
        },
    ):
        response = client.get("/health/")

    assert response.json()["checks"]["broker"] == "ok"
