"""The portal's URLs plus the baseline of the throughput figures: a view that
answers "hello" through the same middleware stack and nothing else."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *portal_urlpatterns]
