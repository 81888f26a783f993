-- CHEAT (kept as a wrong solution so validate proves it fails): no query at all, just the
-- rows the checks expected on their fixed data sets, copied from a run of the old checks.
SELECT * FROM (WITH t(name, email, total_cents) AS (VALUES ('Bob', 'bob@example.com', 10700), ('Ann', 'ann@example.com', 9400), ('Cy', 'cy@example.com', 6100)) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) = 9
UNION ALL
SELECT * FROM (WITH t(name, email, total_cents) AS (VALUES ('Ada', 'ada@example.org', 158900), ('Ben', 'ben@example.org', 158900), ('Gus', 'gus@example.org', 38700)) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) <> 9;
