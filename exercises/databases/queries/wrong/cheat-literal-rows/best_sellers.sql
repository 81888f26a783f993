-- CHEAT (kept as a wrong solution so validate proves it fails): no query at all, just the
-- rows the checks expected on their fixed data sets, copied from a run of the old checks.
SELECT * FROM (WITH t(category, product, units, rank) AS (VALUES ('clothing', 'Socks', 5, 1), ('clothing', 'Cap', 4, 2), ('clothing', 'T-shirt', 4, 2), ('kitchen', 'Cup', 8, 1), ('kitchen', 'Mug', 2, 2)) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) = 9
UNION ALL
SELECT * FROM (WITH t(category, product, units, rank) AS (VALUES ('books', 'Item C', 36, 1), ('books', 'Item F', 36, 1), ('garden', 'Item J', 30, 1), ('garden', 'Item D', 27, 2), ('toys', 'Item B', 36, 1), ('toys', 'Item K', 34, 2)) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) <> 9;
