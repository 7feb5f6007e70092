"""With CSRF protection on (as in production), a write without a valid token is refused with a 400 and a
Vietnamese message — whatever else the request carries, and never with a 500."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.property import hostile
from tests.property.posting import send, submissions
from tests.property.world import form_settings, write_routes

CSRF_MESSAGE = "Phiên làm việc đã hết hạn hoặc biểu mẫu thiếu mã bảo vệ"
BAD_REQUEST = "Yêu cầu không hợp lệ."
FORGED = ("", "x", "None", "IjAwMDAi.Z0.forged", hostile.SCRIPT, "A" * 5_000)


@pytest.mark.parametrize(("endpoint", "method"), write_routes())
def test_a_write_without_a_valid_token_is_a_400(world, endpoint, method):
    route = world.route(world.rule(endpoint), method)
    client = world.client(route.account)  # signed in while protection is off: the sign-in form needs a token too
    world.app.config["WTF_CSRF_ENABLED"] = True
    try:
        @form_settings(scale=0.6)
        @given(submission=submissions(route.fields), token=st.none() | st.sampled_from(FORGED),
               in_header=st.booleans())
        def post(submission, token, in_header):
            # No restore between examples: a refused request writes nothing (and a write would fail the test).
            if token is not None and in_header:
                client.environ_base["HTTP_X_CSRFTOKEN"] = token
            else:
                client.environ_base.pop("HTTP_X_CSRFTOKEN", None)
                if token is not None:
                    submission = {**submission, "pairs": [*submission["pairs"], ("csrf_token", token)]}
            response = send(client, route.url, method, submission)
            body = response.get_data().decode("utf-8", "replace")
            assert response.status_code == 400, (route.account, method, route.url, response.status_code, body[:500])
            assert CSRF_MESSAGE in body or BAD_REQUEST in body  # the latter: a multipart part with no name
            for marker in hostile.UNESCAPED:
                assert marker not in body

        post()
    finally:
        world.app.config["WTF_CSRF_ENABLED"] = False
