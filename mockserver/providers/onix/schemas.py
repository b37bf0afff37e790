"""The request models of the Onix Work OpenAPI, as field tables (names as the forum articles spell them).

Sources: forum.onix.com /624 (OrderInfo, OrderLineInfo, OrderLineItemsInfo, the property models),
/1214 (ProductInfo and its property/form models), community /2224 (the erpCustomerContact* members
and ``autoCreateCustomer``, 50 characters at most), the seed (``source``, ``erpOrderDate``). The
vendor publishes no full member list; the members beyond those are the emulator's and are listed
in docs/onix.md.
"""

from __future__ import annotations

from mockserver.providers.onix.fields import Field, Model

#: Product kinds of the seed's glossary. Unique equipment (plain, main or sub) is countable and
#: numbered; consumable and stock goods are non-unique and have no serial or batch numbers.
UNIQUE, MAIN_EQUIPMENT, SUB_EQUIPMENT, CONSUMABLE, STOCK_GOODS = 0, 1, 2, 3, 4
PRODUCT_KINDS = {
    UNIQUE: "UniqueEquipment",
    MAIN_EQUIPMENT: "MainEquipment",
    SUB_EQUIPMENT: "SubEquipment",
    CONSUMABLE: "ConsumableGoods",
    STOCK_GOODS: "StockGoods",
}
NON_UNIQUE = (CONSUMABLE, STOCK_GOODS)
ID_LENGTH = 50

ORDER_ID_PAIR = (Field("orderId", "int"), Field("orderImportId", max_length=ID_LENGTH))
LINE_ID_PAIR = (Field("orderLineId", "int"), Field("orderLineImportId", max_length=ID_LENGTH))
PRODUCT_IDS = (
    Field("productId", "int"),
    Field("importId", max_length=ID_LENGTH),
    Field("productNo", max_length=ID_LENGTH, min_length=1),
)

ORDER_MEMBERS = (
    Field("erpOrderNo", max_length=50),
    Field("source", max_length=50, min_length=1, invalid="Source is invalid"),
    Field("erpOrderDate", "date"),
    Field("deliveryDate", "date"),
    Field("description", max_length=500),
    Field("customerReference", max_length=50),
    Field("workflowStatusId", "int"),
    Field("erpCustomerId", max_length=ID_LENGTH),
    Field("erpCustomerContactId", max_length=ID_LENGTH),
    Field("erpSupplierId", max_length=ID_LENGTH),
    Field("erpCustomerContactEmail", max_length=50),
    Field("erpCustomerContactFirstName", max_length=50),
    Field("erpCustomerContactLastName", max_length=50),
    Field("autoCreateCustomer", "bool"),
)

ORDER_INFO = Model("OrderInfo", (*ORDER_ID_PAIR, *ORDER_MEMBERS))

LINE_MEMBERS = (
    Field("productId", "int"),
    Field("productNo", max_length=ID_LENGTH, min_length=1),
    Field("type", "enum", choices=tuple(PRODUCT_KINDS)),
    Field("quantity", "decimal", positive=True),
    Field("description", max_length=500),
    Field("deliveryDate", "date"),
    Field("workflowStatusId", "int"),
)

ORDER_LINE_INFO = Model("OrderLineInfo", (*ORDER_ID_PAIR, *LINE_ID_PAIR, *LINE_MEMBERS))

ITEM_INFO = Model(
    "OrderLineItemSerialInfo",
    (Field("serialNo", max_length=50), Field("batchNo", max_length=50), Field("quantity", "decimal", positive=True)),
)
ITEMS_INFO = Model("OrderLineItemsInfo", (*ORDER_ID_PAIR, *LINE_ID_PAIR, Field("items", "list", element=ITEM_INFO)))

PROPERTY_INFO = Model(
    "PropertyInfo", (Field("name", max_length=100, min_length=1, required=True), Field("value", max_length=500))
)
FORM_PROPERTY_INFO = Model(
    "FormPropertyInfo",
    (
        Field("formName", max_length=100, min_length=1, required=True),
        Field("name", max_length=100, min_length=1, required=True),
        Field("value", max_length=500),
    ),
)
LINE_PROPERTIES_INFO = Model(
    "OrderLinePropertiesInfo",
    (*ORDER_ID_PAIR, *LINE_ID_PAIR, Field("properties", "list", element=PROPERTY_INFO)),
)
LINE_FORM_PROPERTIES_INFO = Model(
    "OrderLineFormPropertiesInfo",
    (*ORDER_ID_PAIR, *LINE_ID_PAIR, Field("formProperties", "list", element=FORM_PROPERTY_INFO)),
)

#: A line inside a transfer-order body: the order is the one being transferred.
TRANSFER_LINE_INFO = Model(
    "OrderLineTransferInfo",
    (*LINE_ID_PAIR, *LINE_MEMBERS, Field("items", "list", element=ITEM_INFO)),
)
TRANSFER_ORDER_INFO = Model(
    "TransferOrderInfo",
    (*ORDER_ID_PAIR, *ORDER_MEMBERS, Field("orderLines", "list", element=TRANSFER_LINE_INFO)),
)

PRODUCT_INFO = Model(
    "ProductInfo",
    (
        *PRODUCT_IDS,
        Field("name", max_length=200, min_length=1),
        Field("productType", "enum", choices=tuple(PRODUCT_KINDS)),
        Field("controlCategoryId", "int"),
        Field("erpSupplierId", max_length=ID_LENGTH),
        Field("description", max_length=500),
    ),
)
PRODUCT_PROPERTIES_INFO = Model(
    "ProductPropertiesInfoDto", (*PRODUCT_IDS, Field("properties", "list", element=PROPERTY_INFO))
)
PRODUCT_FORMS_INFO = Model("ProductFormsInfoDto", (*PRODUCT_IDS, Field("forms", "list")))
PRODUCT_FORM_PROPERTIES_INFO = Model(
    "ProductFormPropertiesInfoDto", (*PRODUCT_IDS, Field("formProperties", "list", element=FORM_PROPERTY_INFO))
)

LOGIN_INFO = Model("LoginInfo", (Field("username", max_length=256), Field("password", max_length=256)))
