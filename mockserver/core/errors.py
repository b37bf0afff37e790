"""The error base every provider error derives from.

    MockError                      status, code, message, headers; never rendered here
    ├── <Provider>Error            one base per provider (providers/<name>/errors.py)
    │   └── one class per vendor error code, raised by stores and auth
    └── (framework errors)         unknown route, bad method, oversized body: turned into
                                   the provider's own class by ``Provider.error_for_status``

Only a provider's ``render_error`` knows how its envelope looks.
"""

from __future__ import annotations

from collections.abc import Mapping


class MockError(Exception):
    """An error the emulated API answers with, in the vendor's own shape."""

    status: int = 500
    code: str = "internal_error"
    message: str = "Internal server error"

    def __init__(
        self,
        message: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
        **details: object,
    ) -> None:
        if message is not None:
            self.message = message
        if status is not None:
            self.status = status
        self.headers: dict[str, str] = dict(headers or {})
        self.details: dict[str, object] = details
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, message={self.message!r})"
