"""The session cookie: Flask's signed cookie, made cheaper for the many requests that only read.

Every request of a signed-in person carried two costs that bought nothing when the session did not change
(docs/performance.md: together about a third of serving a kept page):
- checking the cookie's signature and decoding it (HMAC, base64, zlib, JSON). The same cookie string comes back on
  request after request, so a worker remembers what a string it has verified holds, and when it was signed. A
  string it has not seen, or one changed by a single character, is verified as before. The age limit
  (PERMANENT_SESSION_LIFETIME) is still checked on every request, against the remembered signing time. Only
  sessions holding plain values (strings, numbers, booleans) are remembered: a list such as the waiting flash
  messages is changed in place by Flask, and must not be shared between requests;
- signing the cookie again for every response, only to move its expiry forward (SESSION_REFRESH_EACH_REQUEST).
  It is now signed again only once it is REFRESH_AFTER seconds old, so a session that stays in use still never
  expires, and one left alone expires at most REFRESH_AFTER seconds earlier than before (of 8 hours). A changed
  session is written at once, as before.
"""

from __future__ import annotations

import time

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

REFRESH_AFTER = 60  # seconds
_MEMO_ENTRIES = 2048
_PLAIN = (str, int, float, bool, type(None))


class Session(SecureCookieSession):
    signed_at: float | None = None  # when the cookie it came from was signed; None for a new session


class SessionInterface(SecureCookieSessionInterface):
    session_class = Session

    def __init__(self) -> None:
        self._serializer: tuple[tuple, URLSafeTimedSerializer | None] | None = None
        self._verified: dict[str, tuple[dict, int]] = {}  # cookie string → (its contents, signed at)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        # Built once per set of keys instead of twice per request.
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self._serializer is None or self._serializer[0] != keys:
            self._serializer = (keys, super().get_signing_serializer(app))
        return self._serializer[1]

    def open_session(self, app: Flask, request) -> Session | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        known = self._verified.get(value)
        if known is None:
            try:
                data, signed = serializer.loads(value, max_age=max_age, return_timestamp=True)
            except BadSignature:
                return self.session_class()
            known = (data, int(signed.timestamp()))
            if isinstance(data, dict) and all(isinstance(item, _PLAIN) for item in data.values()):
                if len(self._verified) >= _MEMO_ENTRIES:
                    self._verified.clear()
                self._verified[value] = known
        else:
            age = int(time.time()) - known[1]
            if age > max_age or age < 0:  # what itsdangerous refuses as expired
                self._verified.pop(value, None)
                return self.session_class()
        session = self.session_class(known[0])
        session.signed_at = known[1]
        return session

    def should_set_cookie(self, app: Flask, session) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or not 0 <= time.time() - signed_at < REFRESH_AFTER
