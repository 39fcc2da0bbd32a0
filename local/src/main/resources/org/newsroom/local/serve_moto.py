"""Starts moto's server for the local stack: `python -c <this file> -H <host> -p <port>`.

An outbox: every SES v2 raw email moto accepted is kept, and `GET /_newsroom/outbox` lists
them (`[{"id", "from", "raw"}]`, raw as sent, base64, oldest first). Moto's own state dump
(`/moto-api/data.json`) has them too, but it serialises every item of every table, which slows
the emulator for everyone while the local outbox page or a test polls it.

Five changes to how moto serves, two about its DynamoDB transactions and three about the cost
of its DynamoDB reads:

* One request at a time. moto answers on parallel threads, and its transactions are not safe
  under concurrency (a cancelled one restores whole tables, so a write that landed in between is
  lost, which DynamoDB never does). Serving requests one after another makes the emulator's
  transactions atomic, so concurrency tests check the code rather than the emulator.

* A rollback snapshot that costs what the transaction touches. moto keeps a deep copy of every
  table a transaction writes to, taken again for each item of the transaction, so one
  TransactWriteItems costs time in proportion to the table's size times the items (about 1.3 s
  for nine items on a table of 1,000 items), which DynamoDB's does not. The snapshot here is
  taken once per table and transaction: the table's index of items is copied, the items are
  shared, except those an Update changes in place, which are copied. Restoring it after a
  cancellation leaves the table (and its stream) exactly as before, as moto's own copy does.
  If moto's internals are not the ones this was written against, moto is left as it is.

* A projection that costs what the item holds. For a ProjectionExpression, and for every query
  of an index that projects KEYS_ONLY or INCLUDE, moto turns the whole item into plain JSON and
  back once per attribute named (a deep copy each time), so the editors' save read, naming
  seventeen attributes of one article, took 15 ms where a GetItem takes 2. When every name is a
  top-level attribute (all the project's reads), the projected item here copies just those
  attributes, once, with their values as stored, as a read without a projection returns them.
  moto's own round trip rewrites numbers on the way (0100 as 100, 1e2 as 1E+2) and may reorder a
  set, so there its projected and unprojected reads could differ; the SDK writes numbers in that
  form already, and DynamoDB's sets have no order. A path into a map or a list is left to moto.

* Attribute values written out as they are. moto's response serialiser walks every attribute
  value through the DynamoDB model, trying each of AttributeValue's ten members under several
  spellings, about 1 ms per kilobyte of items: a page of seven listings took 12 ms, a read of
  five articles 29 ms. An attribute value that is already in DynamoDB's JSON form (strings,
  numbers as strings, booleans, null, string and number sets, and lists and maps of those) is
  written as it is, which is what the walk makes of it; anything else (binary values) still
  takes the walk. Only DynamoDB's and its streams' answers are written this way.
  `EmulatorReadsIT` reads every kind of value back, whole and projected, through both.

* A query that does not sort the whole table. For every Query, of the table or of an index, moto
  lists all the table's items sorted by key, then keeps those of the partition asked for and
  sorts those again, so a query's time grew with the table: on a table of 600 items (60
  articles with their listings and references) an index query took 9.6 ms and a table query
  7.7, against 4.4 and 2.5 here. While a query runs, the table's items are listed unsorted: the
  query sorts what it keeps by the full key (the index's keys, then the table's), so the answer
  and its pages are the same. Scans and everything else still get moto's sorted list.
  `EmulatorQueriesIT` checks order and paging, forwards and backwards, of both kinds of query.
"""

import copy
import io
import json
import sys
import threading
import types
from collections import defaultdict

import moto.server as server
from werkzeug import serving


OUTBOX_PATH = "/_newsroom/outbox"
SEND_EMAIL_PATH = "/v2/email/outbound-emails"


def keeping_sent_mail(app, sent):
    """app, and every raw email it accepts kept in sent; OUTBOX_PATH lists them."""

    def call(environ, start_response):
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == OUTBOX_PATH and method == "GET":
            body = json.dumps(sent).encode("utf-8")
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if path == "/moto-api/reset" and method == "POST":
            del sent[:]  # moto forgets its own sent mail too
        if path != SEND_EMAIL_PATH or method != "POST":
            return app(environ, start_response)
        request = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(request)
        status = []

        def seen(line, headers, exc_info=None):
            status.append(line)
            return start_response(line, headers, exc_info)

        answer = list(app(environ, seen))
        if status and status[0].startswith("200"):
            try:
                email = json.loads(request)
                sent.append(
                    {
                        "id": json.loads(b"".join(answer)).get("MessageId", ""),
                        "from": email.get("FromEmailAddress", ""),
                        "raw": email["Content"]["Raw"]["Data"],
                    }
                )
            except (ValueError, KeyError, TypeError, AttributeError):
                pass  # not a raw email (the project sends only raw ones)
        return answer

    return call


def serve_one_at_a_time():
    run, lock, sent = serving.run_simple, threading.Lock(), []

    def serial(app):
        def call(environ, start_response):
            with lock:
                return list(app(environ, start_response))

        return call

    server.run_simple = lambda host, port, app, **kw: run(
        host, port, serial(keeping_sent_mail(app, sent)), **kw
    )


def snapshot(table, updated_keys):
    """The table as it is now, sharing every item except those in updated_keys."""
    saved = copy.copy(table)
    if table.range_key_attr is None:
        saved.items = defaultdict(dict, table.items)
    else:
        saved.items = defaultdict(dict, {h: dict(rows) for h, rows in table.items.items()})
    for table_name, hash_key, range_key in updated_keys:
        if table_name != table.name:
            continue
        if range_key is None:
            if hash_key in saved.items:
                saved.items[hash_key] = copy.deepcopy(saved.items[hash_key])
        else:
            rows = saved.items.get(hash_key)
            if rows is not None and range_key in rows:
                rows[range_key] = copy.deepcopy(rows[range_key])
    if table.stream_shard is not None:
        shard = copy.copy(table.stream_shard)
        shard.items = list(table.stream_shard.items)
        shard.table = saved
        saved.stream_shard = shard
    return saved


def cheap_transaction_rollback():
    try:
        from moto.dynamodb import models
        from moto.dynamodb.models.dynamo_type import DynamoType
        from moto.dynamodb.models.table import Table
    except ImportError:
        return False
    backend = getattr(models, "DynamoDBBackend", None)
    original = getattr(backend, "transact_write_items", None)
    probe = Table.__init__.__code__.co_names
    if (
        original is None
        or getattr(models, "copy", None) is not copy
        or not {"items", "stream_shard", "range_key_attr"} <= set(probe)
    ):
        return False
    running = threading.local()

    def deepcopy(value, memo=None):
        transaction = getattr(running, "transaction", None)
        if transaction is None or not isinstance(value, Table):
            return copy.deepcopy(value, memo)
        updated_keys, taken = transaction
        if id(value) not in taken:
            taken[id(value)] = snapshot(value, updated_keys)
        return taken[id(value)]

    def updated_keys_of(self, transact_items):
        keys = set()
        for item in transact_items:
            for op_type, op in item.items():
                table = self.tables.get(op.get("TableName")) if op_type == "Update" else None
                key = op.get("Key") if table is not None else None
                if key is None or table.hash_key_attr not in key:
                    continue
                range_key = None
                if table.range_key_attr is not None:
                    if table.range_key_attr not in key:
                        continue
                    range_key = DynamoType(key[table.range_key_attr])
                keys.add((table.name, DynamoType(key[table.hash_key_attr]), range_key))
        return keys

    def transact_write_items(self, transact_items):
        try:
            running.transaction = (updated_keys_of(self, transact_items), {})
        except Exception:
            running.transaction = None
        try:
            return original(self, transact_items)
        finally:
            running.transaction = None

    shim = types.ModuleType("copy")
    shim.__dict__.update(copy.__dict__)
    shim.deepcopy = deepcopy
    models.copy = shim
    backend.transact_write_items = transact_write_items
    return True


def cheap_top_level_projection():
    try:
        from moto.dynamodb.models.dynamo_type import Item
    except ImportError:
        return False
    original = getattr(Item, "project", None)
    if original is None or "attrs" not in Item.__init__.__code__.co_names:
        return False

    def project(self, projection_expressions):
        names = []
        for path in projection_expressions:
            if len(path) != 1 or not isinstance(path[0], str) or path[0].endswith("]"):
                return original(self, projection_expressions)
            names.append(path[0])
        projected = Item(hash_key=self.hash_key, range_key=self.range_key, attrs={})
        for name in names:
            if name in self.attrs and name not in projected.attrs:
                # Past the item's size check (it passed it when written), which would sum every
                # attribute copied so far again for each one.
                dict.__setitem__(projected.attrs, name, copy.deepcopy(self.attrs[name]))
        return projected

    Item.project = project
    return True


def plain_attribute_values():
    try:
        from moto.core.serialize import BaseJSONSerializer
    except ImportError:
        return False
    original = getattr(BaseJSONSerializer, "_serialize_type_structure", None)
    if original is None or not hasattr(BaseJSONSerializer, "_default_serialize"):
        return False
    scalars = {"S": str, "N": str, "BOOL": bool, "NULL": bool}

    def plain(value):
        if not isinstance(value, dict) or len(value) != 1:
            return False
        ((kind, inner),) = value.items()
        if kind in scalars:
            return isinstance(inner, scalars[kind])
        if kind in ("SS", "NS"):
            return isinstance(inner, list) and all(isinstance(v, str) for v in inner)
        if kind == "L":
            return isinstance(inner, list) and all(plain(v) for v in inner)
        if kind == "M":
            return isinstance(inner, dict) and all(
                isinstance(k, str) and plain(v) for k, v in inner.items()
            )
        return False

    def dynamodb(serializer):
        model = getattr(getattr(serializer, "operation_model", None), "service_model", None)
        return getattr(model, "service_name", None) in ("dynamodb", "dynamodbstreams")

    def serialize_structure(self, serialized, value, shape, key):
        if key and shape.name == "AttributeValue" and dynamodb(self) and plain(value):
            self._default_serialize(serialized, value, shape, key)
            return
        original(self, serialized, value, shape, key)

    BaseJSONSerializer._serialize_type_structure = serialize_structure
    return True


def unsorted_items_while_querying():
    try:
        from moto.dynamodb.models.table import Table
    except ImportError:
        return False
    original_query = getattr(Table, "query", None)
    original_all_items = getattr(Table, "all_items", None)
    if (
        original_query is None
        or original_all_items is None
        or "all_items" not in original_query.__code__.co_names
        or "sorted_items" not in original_query.__code__.co_names
    ):
        return False
    querying = threading.local()

    def all_items(self):
        if getattr(querying, "table", None) is not self:
            return original_all_items(self)
        if self.range_key_attr:
            return [item for partition in self.items.values() for item in partition.values()]
        return list(self.items.values())

    def query(self, *args, **kwargs):
        querying.table = self
        try:
            return original_query(self, *args, **kwargs)
        finally:
            querying.table = None

    Table.all_items = all_items
    Table.query = query
    return True


serve_one_at_a_time()
if not unsorted_items_while_querying():
    print("moto sorts the whole table for every query", file=sys.stderr)
if not plain_attribute_values():
    print("moto writes out every attribute value through the DynamoDB model", file=sys.stderr)
if not cheap_top_level_projection():
    print("moto's projections copy the whole item per attribute", file=sys.stderr)
if not cheap_transaction_rollback():
    print("moto's transactions keep their own rollback copies", file=sys.stderr)
server.main(sys.argv[1:])
