"""Language codes and the labels the lookups answer in each language.

seeds/onix-work-openapi-get-started.txt ("Language codes"): 0 Norwegian, 1 English (the default
when an endpoint's optional ``languageCode`` is left out), 3 Swedish, 4 Danish, 7 Spanish.
"""

from __future__ import annotations

from collections.abc import Mapping

NORWEGIAN, ENGLISH, SWEDISH, DANISH, SPANISH = 0, 1, 3, 4, 7
LANGUAGE_CODES: tuple[int, ...] = (NORWEGIAN, ENGLISH, SWEDISH, DANISH, SPANISH)
DEFAULT_LANGUAGE = ENGLISH

#: A label in every supported language, in LANGUAGE_CODES order.
Labels = Mapping[int, str]


def labels(norwegian: str, english: str, swedish: str, danish: str, spanish: str) -> dict[int, str]:
    return dict(zip(LANGUAGE_CODES, (norwegian, english, swedish, danish, spanish), strict=True))


def label(texts: Labels, language: int) -> str:
    """The text in ``language``; English when a label lacks that language."""
    return texts.get(language) or texts[ENGLISH]


#: Order workflow steps a company starts with: (id, labels, closed).
ORDER_STATUSES: tuple[tuple[int, dict[int, str], bool], ...] = (
    (1, labels("Ny", "New", "Ny", "Ny", "Nuevo"), False),
    (2, labels("Under arbeid", "In progress", "Pågående", "I gang", "En curso"), False),
    (3, labels("Levert", "Delivered", "Levererad", "Leveret", "Entregado"), False),
    (4, labels("Lukket", "Closed", "Stängd", "Lukket", "Cerrado"), True),
)

#: Order-line workflow steps a company starts with: (id, labels, closed).
ORDER_LINE_STATUSES: tuple[tuple[int, dict[int, str], bool], ...] = (
    (11, labels("Ny", "New", "Ny", "Ny", "Nueva"), False),
    (12, labels("Plukkes", "Picking", "Plockas", "Plukkes", "En preparación"), False),
    (13, labels("Klar", "Ready", "Klar", "Klar", "Lista"), False),
    (14, labels("Lukket", "Closed", "Stängd", "Lukket", "Cerrada"), True),
)

#: Control categories (the periodic inspection regimes a product is checked under).
CONTROL_CATEGORIES: tuple[tuple[int, dict[int, str]], ...] = (
    (301, labels("Løfteutstyr", "Lifting equipment", "Lyftutrustning", "Løfteudstyr", "Equipo de elevación")),
    (302, labels("Fallsikring", "Fall protection", "Fallskydd", "Faldsikring", "Protección anticaídas")),
    (303, labels("Brannslukkere", "Fire extinguishers", "Brandsläckare", "Ildslukkere", "Extintores")),
    (304, labels("Stiger", "Ladders", "Stegar", "Stiger", "Escaleras")),
    (305, labels("Elektroverktøy", "Power tools", "Elverktyg", "El-værktøj", "Herramientas eléctricas")),
)
