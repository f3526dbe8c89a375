"""PostgreSQL-only indexes for searching a whole tree of a million members (selectors.member_search;
bench/README.md has the measurements that chose them).

- ``person_name_order``: the folded name in "C" order with the columns a search filters on. It walks
  the name order without reading the table (index-only), and in "C" it also serves
  ``LIKE 'prefix%'``: names start with the family name, so "nguyen van" is one range of it.
- ``person_name_rest_trgm``: trigrams of the folded name without its first letter, for the part of
  "contains" that is not "starts with". It replaces 0002's trigram index on the whole name, which no
  query uses any more.
- ``person_phone_like``: with the C.UTF-8 locale a plain btree does not serve ``LIKE 'prefix%'``.

The statistics of the new index expression are gathered at once, or the planner would guess.
"""

from django.db import migrations

from congdoan.core.cleanup import postgres_sql

FORWARD = [
    'CREATE INDEX IF NOT EXISTS person_name_order ON members_person (name_folded COLLATE "C", id) '
    "INCLUDE (unit_path, status, sex, card_number)",
    # substring(), as Django's Substr writes it: the query must name the indexed expression exactly.
    "CREATE INDEX IF NOT EXISTS person_name_rest_trgm ON members_person "
    "USING gin (substring(name_folded, 2) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS person_phone_like ON members_person (phone varchar_pattern_ops)",
    "DROP INDEX IF EXISTS person_name_trgm",
    "ANALYZE members_person",
]
REVERSE = [
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON members_person USING gin (name_folded gin_trgm_ops)",
    "DROP INDEX IF EXISTS person_phone_like",
    "DROP INDEX IF EXISTS person_name_rest_trgm",
    "DROP INDEX IF EXISTS person_name_order",
]


class Migration(migrations.Migration):
    dependencies = [("members", "0002_search_indexes_and_positions")]
    operations = [postgres_sql(FORWARD, REVERSE)]
