"""Customers: list, get, create or update, log in, password recovery."""

from __future__ import annotations

import re
from typing import Any

from mockserver.providers.onlineafspraken.errors import InvalidParameter
from mockserver.providers.onlineafspraken.methods.paging import page
from mockserver.providers.onlineafspraken.methods.registry import method
from mockserver.providers.onlineafspraken.params import Params, to_date
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore
from mockserver.providers.onlineafspraken.xml import Reply

#: setCustomer parameter -> Customer attribute (research §1.6).
TEXT_FIELDS = {
    "FirstName": "first_name",
    "LastName": "last_name",
    "Email": "email",
    "AccountNumber": "account_number",
    "Insertions": "insertions",
    "Street": "street",
    "HouseNr": "house_nr",
    "HouseNrAddition": "house_nr_addition",
    "ZipCode": "zip_code",
    "City": "city",
    "Country": "country",
    "Phone": "phone",
    "MobilePhone": "mobile_phone",
    "Username": "username",
    "Password": "password",
}
REQUIRED_ON_CREATE = ("FirstName", "LastName", "Email")
_EMAIL = re.compile(r"\A[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_PHONE = re.compile(r"\A\+?[0-9][0-9 \-]{8,18}\Z")


@method("getCustomers")
def get_customers(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # MPOST sends UpdatedAfter, HOSNI UpdateAfter (research §1.6): both are understood.
    birth = params.day("BirthDate")
    found = store.find_customers(
        updated_after=params.moment("UpdatedAfter", "UpdateAfter"),
        email=params.text("Email"),
        birth_date=birth,
        account_number=params.text("AccountNumber"),
    )
    items, stats = page(found, params)
    return Reply(objects=[("Customer", store.customer_elements(c)) for c in items], stats=stats)


@method("getCustomer")
def get_customer(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # Single customer at the root, as MPOST, RANDOCK and HOSNI all read it (research §1.4).
    return Reply(root=[("Customer", store.customer_elements(store.customer(params.require_int("Id"))))])


@method("setCustomer")
def set_customer(store: OnlineAfsprakenStore, params: Params) -> Reply:
    customer_id = params.integer("Id")
    if customer_id is None:
        for name in REQUIRED_ON_CREATE:
            params.require(name)
    else:
        store.customer(customer_id)
    values: dict[str, Any] = {}
    for name, attribute in TEXT_FIELDS.items():
        value = params.raw(name)
        if value is not None:
            values[attribute] = value.strip()
    check_customer_values(values, params, creating=customer_id is None)
    custom = {key: value for key in store.field_keys("Registration") if (value := params.raw(key)) is not None}
    if customer_id is None:
        for key in store.required_fields("Registration"):
            params.require(key)
    customer = store.save_customer(customer_id, values, custom)
    return Reply(objects=[("Customer", {"Id": customer.id, "Status": customer.status})])


def check_customer_values(values: dict[str, Any], params: Params, *, creating: bool) -> None:
    for name in ("FirstName", "LastName", "Email"):
        if TEXT_FIELDS[name] in values and not values[TEXT_FIELDS[name]]:
            raise InvalidParameter(f"API parameter {name} must not be empty.")
    email = values.get("email")
    if email and not _EMAIL.match(email):
        raise InvalidParameter(f"API parameter Email is not an e-mail address: {email!r}.")
    mobile = values.get("mobile_phone")
    if mobile and not _PHONE.match(mobile):
        raise InvalidParameter(f"API parameter MobilePhone is not a valid phone number: {mobile!r}.")
    birth = params.text("BirthDate")
    if birth is not None:
        values["birth_date"] = to_date("BirthDate", birth)
    gender = params.text("Gender")
    if gender is not None:
        if gender not in ("M", "F"):
            raise InvalidParameter(f"API parameter Gender must be M or F, got {gender!r}.")
        values["gender"] = gender
    status = params.text("Status")
    if status is not None:
        if status not in ("1", "2", "3"):
            raise InvalidParameter(f"API parameter Status must be 1, 2 or 3, got {status!r}.")
        values["status"] = int(status)
    if creating:
        username, password = values.get("username"), values.get("password")
        if username and not password:
            raise InvalidParameter("API parameter Password is needed with Username.")
        if password is not None and len(password) < 6:
            raise InvalidParameter("API parameter Password must be at least 6 characters.")
        values["username"] = username or None
        values["password"] = password or None


@method("loginCustomer")
def login_customer(store: OnlineAfsprakenStore, params: Params) -> Reply:
    customer = store.login(params.require("Username"), params.require("Password"))
    return Reply(root=[("Customer", store.customer_elements(customer))])


@method("passwordRecovery")
def password_recovery(store: OnlineAfsprakenStore, params: Params) -> Reply:
    # The real server mails a reset link; nothing is sent here. The answer carries the customer under
    # <Data>, the shape the public client (PyPI onlineafspraken 0.2.8, PasswordRecoveryResponse) reads.
    customer = store.recover_password(params.require("Email"))
    return Reply(root=[("Data", store.customer_elements(customer))])
