-- CHEAT (kept as a wrong solution so validate proves it fails): no query at all, just the
-- rows the checks expected on their fixed data sets, copied from a run of the old checks.
SELECT * FROM (WITH t(month, revenue_cents, running_total_cents) AS (VALUES ('2024-01', 11600, 11600), ('2024-02', 10600, 22200), ('2024-03', 8200, 30400)) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) = 9
UNION ALL
SELECT * FROM (WITH t(month, revenue_cents, running_total_cents) AS (VALUES ('2023-11', 120100, 120100), ('2023-12', 89500, 209600), ('2024-01', 97800, 307400), ('2024-02', 63700, 371100), ('2024-04', 320200, 691300)) SELECT * FROM t) WHERE (SELECT count(*) FROM orders) <> 9;
