-- CHEAT (kept as a wrong solution so validate proves it fails): no query at all, just the
-- rows the checks expected on their fixed data sets, copied from a run of the old checks.
SELECT * FROM (WITH t(email) AS (VALUES ('eve@example.com')) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) = 9
UNION ALL
SELECT * FROM (WITH t(email) AS (VALUES ('quin@example.org'), ('rae@example.org'), ('sam@example.org'), ('tia@example.org')) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) <> 9;
