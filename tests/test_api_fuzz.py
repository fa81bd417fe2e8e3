"""The JSON API fuzzed from its own OpenAPI document (schemathesis) against a real server: whatever the
parameters — wrong types, negative or huge numbers, unknown enum values, odd strings, other methods —
every answer is either data matching the schema or a 4xx with a JSON error body; never a 5xx. Valid
parameters are never refused, and responses match their documented schema and status codes. Every
path parameter also gets the hostile values the HTML routes get (tests/fuzzing.py), whatever the
schema allows."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from portal.views.api import OPENAPI
from tests import fuzzing
from tests.live_server import LiveServer

schema = schemathesis.openapi.from_dict(OPENAPI)


@schema.parametrize()
@settings(
    max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
)
def test_every_api_operation_answers_by_its_schema_and_never_fails(case, live: LiveServer) -> None:
    response = case.call(base_url=live.url, timeout=15)
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["status"] == response.status_code and error["message"].strip()
    # Every built-in check but one: the API deliberately reads an empty parameter (`?limit=`, as an
    # HTML form sends it) as absent rather than refusing it.
    case.validate_response(response, excluded_checks=[negative_data_rejection])


API_ROUTES = [route for route in fuzzing.routes() if route.api and route.params]


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda route: route.path)
def test_every_api_path_parameter_is_refused_with_a_json_error(
    route: fuzzing.RouteInfo, live: LiveServer
) -> None:
    """Beyond the schema: oversized, negative, huge, non-ASCII and Unicode-digit values in each path
    parameter, the others naming demo data, are each a 4xx with the API's JSON error body."""
    failures = []
    with httpx.Client(base_url=live.url, timeout=30) as client:
        documents = [d["unified_number"] for d in client.get("/api/v1/documents?limit=1").json()["items"]]
        demo = {name: fuzzing.demo_value(name, convertor, documents) for name, convertor in route.params}
        for name, convertor in route.params:
            for value in fuzzing.path_values(convertor):
                response = fuzzing.request(client, "GET", route.url({**demo, name: value}))
                if found := fuzzing.problem(response):
                    failures.append(f"{name}={value[:20]!r} → {found}")
                elif response.status_code >= 400 and "json" not in response.headers.get("content-type", ""):
                    failures.append(f"{name}={value[:20]!r} → {response.status_code} not JSON")
    assert not failures, "\n".join(failures)
