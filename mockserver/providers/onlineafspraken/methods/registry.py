"""The table of APIREST methods: name to handler, filled by the method modules."""

from __future__ import annotations

from collections.abc import Callable

from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.xml import Reply

Handler = Callable[[OnlineAfsprakenStore, Params], Reply]

#: Method name as the vendor spells it -> handler.
METHODS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` as APIREST method ``name``."""

    def register(handler: Handler) -> Handler:
        METHODS[name] = handler
        return handler

    return register
