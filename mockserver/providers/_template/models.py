"""Skeleton records and their wire form (the vendor's field names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    created_at: str

    def to_wire(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "createdAt": self.created_at}


class NewItem(BaseModel):
    """The body of ``POST /v1/items``."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
