"""MockState: lazy per-(provider, tenant) stores, and reset at every grain."""

from mockserver.core.clock import Clock
from mockserver.core.journal import Journal
from mockserver.core.state import MockState, StoreContext


def make_state() -> tuple[MockState, list[StoreContext]]:
    built: list[StoreContext] = []

    def factory(ctx: StoreContext) -> dict[str, object]:
        built.append(ctx)
        return {"tenant": ctx.tenant, "items": []}

    state = MockState(
        seed=5, clock=Clock(), journal=Journal(), factories={"a": factory, "b": factory}, configs={"a": {"x": 1}}
    )
    return state, built


def test_stores_are_built_once_per_provider_and_tenant() -> None:
    state, built = make_state()
    first = state.store("a", "t1")
    assert state.store("a", "t1") is first
    assert state.store("a", "t2") is not first
    assert state.store("b", "t1") is not first
    assert len(built) == 3
    assert built[0].seed == 5 and built[0].config == {"x": 1}


def test_tenants_never_share_a_store() -> None:
    state, _ = make_state()
    state.store("a", "t1")["items"].append("written by t1")
    assert state.store("a", "t2")["items"] == []


def test_reset_one_tenant_leaves_the_others() -> None:
    state, _ = make_state()
    state.store("a", "t1")["items"].append(1)
    state.store("a", "t2")["items"].append(2)
    assert state.reset("a", "t1") == 1
    assert state.store("a", "t1")["items"] == []
    assert state.store("a", "t2")["items"] == [2]


def test_reset_everything_drops_every_store_and_calls_hooks() -> None:
    state, _ = make_state()
    calls: list[tuple[str | None, str | None]] = []
    state.on_reset(lambda p, t: calls.append((p, t)))
    state.store("a", "t1")
    state.store("b", "t1")
    assert state.reset() == 2
    assert list(state.built()) == []
    assert calls == [(None, None)]
