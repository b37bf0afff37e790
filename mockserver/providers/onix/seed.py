"""Deterministic Onix data per company: workflows, links, products, orders (one generator per collection)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from mockserver.core import seeding
from mockserver.core.state import StoreContext
from mockserver.providers.onix.config import Company, OnixConfig, ProductRecord
from mockserver.providers.onix.labels import CONTROL_CATEGORIES, ORDER_LINE_STATUSES, ORDER_STATUSES
from mockserver.providers.onix.models import (
    CUSTOMER,
    SUPPLIER,
    CompanyLink,
    ContactLink,
    ControlCategory,
    Item,
    Order,
    OrderLine,
    Product,
    WorkflowStatus,
    copy_forms,
)
from mockserver.providers.onix.schemas import CONSUMABLE, NON_UNIQUE, PRODUCT_KINDS, STOCK_GOODS, UNIQUE
from mockserver.providers.onix.store import OnixStore

#: First id of each kind, so ids of different kinds never look alike.
FIRST_IDS = {"companies": 50_001, "contacts": 60_001, "products": 10_001, "orders": 20_001, "order_lines": 30_001}
EQUIPMENT = (
    ("Kjettingtalje", UNIQUE, 301),
    ("Stropp", UNIQUE, 301),
    ("Fallsele", UNIQUE, 302),
    ("Falldemper", UNIQUE, 302),
    ("Pulverapparat", UNIQUE, 303),
    ("Skyvestige", UNIQUE, 304),
    ("Drill", UNIQUE, 305),
    ("Hydraulikkolje", CONSUMABLE, None),
    ("Skruer", STOCK_GOODS, None),
)
FORMS = ("Periodisk kontroll", "Mottakskontroll")


def make_store(ctx: StoreContext) -> OnixStore:
    config: OnixConfig = ctx.config
    company = config.company(ctx.tenant) or config.companies[0]
    store = OnixStore(ctx.clock, company.company_id)
    store._next_ids = dict(FIRST_IDS)
    for status_id, texts, closed in ORDER_STATUSES:
        store.order_statuses[status_id] = WorkflowStatus(status_id, texts, closed)
    for status_id, texts, closed in ORDER_LINE_STATUSES:
        store.order_line_statuses[status_id] = WorkflowStatus(status_id, texts, closed)
    for category_id, texts in CONTROL_CATEGORIES:
        store.control_categories[category_id] = ControlCategory(category_id, texts)
    seed_links(store, ctx, config)
    seed_products(store, ctx, config)
    seed_orders(store, ctx, config, company)
    return store


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum()) or "firma"


def seed_links(store: OnixStore, ctx: StoreContext, config: OnixConfig) -> None:
    for record in config.records.company_links:
        link = CompanyLink(record.external_id, store.next_id("companies"), record.type, record.name)
        store.company_links[link.external_id] = link
    for contact in config.records.contact_links:
        company = store.company_links[contact.company].company_id if contact.company else None
        store.contact_links[contact.external_id] = ContactLink(
            contact.external_id,
            store.next_id("contacts"),
            contact.type,
            company,
            contact.first_name,
            contact.last_name,
            contact.email,
        )
    fake = seeding.faker(ctx.seed, ctx.provider, ctx.tenant, "company_links", locale="no_NO")
    for kind, count, prefix in ((CUSTOMER, config.sizes.customers, "C"), (SUPPLIER, config.sizes.suppliers, "S")):
        for index in range(count):
            name = f"{fake.last_name()} {fake.random_element(('AS', 'ASA', 'Service AS', 'Bygg AS'))}"
            link = CompanyLink(f"{prefix}-{1001 + index}", store.next_id("companies"), kind, name)
            store.company_links[link.external_id] = link
            if kind == CUSTOMER:
                first, last = fake.first_name(), fake.last_name()
                email = f"{slug(first)}.{slug(last)}@{slug(name.split()[0])}.example"
                person = ContactLink(
                    f"P-{1001 + index}", store.next_id("contacts"), CUSTOMER, link.company_id, first, last, email
                )
                store.contact_links[person.external_id] = person


def product_from(store: OnixStore, record: ProductRecord, product_id: int) -> Product:
    supplier = store.company_links[record.supplier].company_id if record.supplier else None
    return Product(
        product_id=product_id,
        product_no=record.product_no,
        name=record.name,
        product_type=record.product_type,
        control_category_id=record.control_category_id,
        supplier_company_id=supplier,
        properties=dict(record.properties),
        forms={name: dict(props) for name, props in record.forms.items()},
    )


def seed_products(store: OnixStore, ctx: StoreContext, config: OnixConfig) -> None:
    now = store.now()
    for record in config.records.products:
        product = product_from(store, record, store.next_id("products"))
        store.products[product.product_id] = replace_times(product, now)
    gen = seeding.rng(ctx.seed, ctx.provider, ctx.tenant, "products")
    suppliers = [link.company_id for link in store.company_links.values() if link.type == SUPPLIER]
    for index in range(config.sizes.products):
        name, kind, category = gen.choice(EQUIPMENT)
        size = gen.choice(("S", "M", "L", "1 t", "2 t", "5 l", "10 m"))
        properties: dict[str, str | None] = {"Produsent": gen.choice(("Nordlift", "Safetec", "Bransk", "Verktoy AS"))}
        if kind not in NON_UNIQUE:
            properties["Kontrollintervall"] = f"{gen.choice((6, 12, 24))} mnd"
        product = Product(
            product_id=store.next_id("products"),
            product_no=f"{slug(name)[:6].upper()}-{100 + index}",
            name=f"{name} {size}",
            product_type=kind,
            control_category_id=category,
            supplier_company_id=gen.choice(suppliers) if suppliers else None,
            description=f"{PRODUCT_KINDS[kind]}",
            properties=properties,
            forms={FORMS[0]: {"Resultat": None, "Kontrollert av": None}} if kind not in NON_UNIQUE else {},
        )
        store.products[product.product_id] = replace_times(product, now)


def replace_times(product: Product, now: datetime) -> Product:
    return replace(product, created=now, updated=now)


def seed_orders(store: OnixStore, ctx: StoreContext, config: OnixConfig, company: Company) -> None:
    """Orders with lines; the last one is Closed, so a connector meets that state too."""
    gen = seeding.rng(ctx.seed, ctx.provider, ctx.tenant, "orders")
    now = store.now()
    customers = [link for link in store.company_links.values() if link.type == CUSTOMER]
    products = list(store.products.values())
    order_statuses = list(store.order_statuses)
    line_statuses = list(store.order_line_statuses)
    for index in range(config.sizes.orders):
        closed = index == config.sizes.orders - 1 and index > 0
        customer = gen.choice(customers) if customers else None
        company_id = customer.company_id if customer else None
        contact = next((c for c in store.contact_links.values() if company_id and c.company_id == company_id), None)
        order = Order(
            order_id=store.next_id("orders"),
            workflow_status_id=order_statuses[-1] if closed else gen.choice(order_statuses[:-1]),
            source="ERP",
            erp_order_date=(now - timedelta(days=gen.randint(1, 60))).date(),
            order_import_id=f"SO-{company.company_id}-{10001 + index}",
            erp_order_no=f"{10001 + index}",
            delivery_date=(now + timedelta(days=gen.randint(3, 30))).date(),
            customer_company_id=customer.company_id if customer else None,
            customer_contact_id=contact.contact_id if contact else None,
            created=now,
            updated=now,
        )
        store.orders[order.order_id] = order
        store.remember_import_id("orders", 0, order.order_import_id, order.order_id)
        for number in range(config.sizes.lines_per_order if products else 0):
            product = gen.choice(products)
            unique = product.product_type not in NON_UNIQUE
            quantity = Decimal(gen.randint(1, 4)) if product.product_type != CONSUMABLE else Decimal("2.5")
            count = int(quantity) if unique else 0
            items = tuple(Item(f"SN{gen.randint(100000, 999999)}", None) for _ in range(count))
            line = OrderLine(
                order_line_id=store.next_id("order_lines"),
                order_id=order.order_id,
                product_id=product.product_id,
                type=product.product_type,
                quantity=quantity,
                workflow_status_id=line_statuses[-1] if closed else line_statuses[0],
                order_line_import_id=str(number + 1),
                description=product.name,
                properties=dict(product.properties),
                forms=copy_forms(product.forms),
                items=items,
                created=now,
                updated=now,
            )
            store.order_lines[line.order_line_id] = line
            store.remember_import_id("order_lines", order.order_id, line.order_line_import_id, line.order_line_id)
