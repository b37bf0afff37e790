"""Products: create-or-update by productId, importId or productNo, with properties and forms.

forum.onix.com /1214 ("Transfer products"): leave out ``productId`` and give a new ``productNo``
to create; give the ``productId``, the ``importId`` or the ``productNo`` of an existing product
to update it. A control category (GET /v1/company/control-categories) must exist.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mockserver.providers.onix.company import CompanyData
from mockserver.providers.onix.errors import (
    InvalidControlCategoryId,
    InvalidFormName,
    InvalidProductId,
    InvalidProductImportId,
    InvalidProductNo,
    ProductNoExists,
    ValidationFailed,
)
from mockserver.providers.onix.fields import Present, non_empty, require
from mockserver.providers.onix.models import SUPPLIER, Product, copy_forms, merge_properties, named
from mockserver.providers.onix.schemas import UNIQUE

PRODUCTS = "products"


class ProductCatalog(CompanyData):
    """Products of a company's store."""

    def product_by_no(self, product_no: str) -> Product | None:
        by_no = {p.product_no: p for p in self.products.values()}
        found = named(by_no, product_no)
        return by_no[found] if found is not None else None

    def find_product(self, values: Present, *, create: bool) -> Product | None:
        """The product the ids name; None when the body asks for a new one (``create`` only)."""
        product_id, import_id, product_no = values.get("productId"), values.get("importId"), values.get("productNo")
        if product_id is not None:
            found = self.products.get(product_id)
            if found is None:
                raise InvalidProductId(f"Invalid Product Id: no product {product_id}")
            return found
        if import_id:
            onix_id = self.import_id(PRODUCTS, 0, import_id)
            if onix_id is not None:
                return self.products[onix_id]
            if not create:
                raise InvalidProductImportId(f"Invalid Import Id: no product was created with '{import_id}'")
        if product_no:
            found = self.product_by_no(product_no)
            if found is None and not create:
                raise InvalidProductNo(f"Invalid Product No: no product '{product_no}'")
            return found
        if not create:
            text = "'Product Id' or 'Product No' must not be empty."
            require(values, "productId", "importId", "productNo", label=text)
        return None

    def save_product(self, values: Present) -> int:
        """POST /v1/company/products: the id of the product created or updated."""
        with self.transaction():
            existing = self.find_product(values, create=True)
            now = self.now()
            fields: dict[str, Any] = {}
            for member, field in (("name", "name"), ("description", "description"), ("productType", "product_type")):
                if values.get(member) is not None:
                    fields[field] = values[member]
            category = values.get("controlCategoryId")
            if category is not None:
                if category not in self.control_categories:
                    raise InvalidControlCategoryId(f"Invalid Control Category Id: no control category {category}")
                fields["control_category_id"] = category
            supplier = values.get("erpSupplierId")
            if supplier is not None:
                link = self.company_link(supplier, SUPPLIER, "erpSupplierId") if supplier else None
                fields["supplier_company_id"] = link.company_id if link else None
            product_no = values.get("productNo")
            if product_no:
                owner = self.product_by_no(product_no)
                if owner is not None and (existing is None or owner.product_id != existing.product_id):
                    raise ProductNoExists(f"Product No '{product_no}' already exists")
                fields["product_no"] = product_no
            if existing is not None:
                product = replace(existing, updated=now, **fields)
            else:
                errors = {}
                if not product_no:
                    errors["productNo"] = ["'Product No' must not be empty."]
                if not values.get("name"):
                    errors["name"] = ["'Name' must not be empty."]
                if errors:
                    raise ValidationFailed(errors=errors)
                import_id = values.get("importId") or None
                product = Product(
                    product_id=self.next_id(PRODUCTS),
                    product_no=str(product_no),
                    name=values["name"],
                    product_type=UNIQUE,
                    import_id=import_id,
                    created=now,
                    updated=now,
                )
                product = replace(product, **fields)
                self.remember_import_id(PRODUCTS, 0, import_id, product.product_id)
            self.products[product.product_id] = product
            return product.product_id

    def _existing_product(self, values: Present) -> Product:
        product = self.find_product(values, create=False)
        assert product is not None
        return product

    def set_product_properties(self, values: Present) -> bool:
        """POST /v1/company/products/properties: define or change properties by name."""
        with self.transaction():
            product = self._existing_product(values)
            properties = merge_properties(product.properties, non_empty(values, "properties"), add=True)
            self.products[product.product_id] = replace(product, properties=properties, updated=self.now())
            return True

    def add_product_forms(self, values: Present) -> bool:
        """POST /v1/company/products/forms: attach forms (by name) the product does not have yet."""
        with self.transaction():
            product = self._existing_product(values)
            forms = copy_forms(product.forms)
            for index, name in enumerate(non_empty(values, "forms")):
                if not name.strip():
                    raise ValidationFailed.one(f"forms[{index}]", "'Forms' must not contain an empty name.")
                if named(forms, name) is None:
                    forms[name] = {}
            self.products[product.product_id] = replace(product, forms=forms, updated=self.now())
            return True

    def set_product_form_properties(self, values: Present) -> bool:
        """POST /v1/company/products/form-properties: define or change properties of the product's forms."""
        with self.transaction():
            product = self._existing_product(values)
            forms = copy_forms(product.forms)
            for entry in non_empty(values, "formProperties"):
                form = named(forms, entry.get("formName") or "")
                if form is None:
                    wanted = entry.get("formName")
                    raise InvalidFormName(f"Invalid Form Name: product {product.product_id} has no form '{wanted}'")
                forms[form] = merge_properties(forms[form], [entry], add=True)
            self.products[product.product_id] = replace(product, forms=forms, updated=self.now())
            return True
