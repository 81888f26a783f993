-- NOT EXISTS is NULL-safe, unlike NOT IN.
SELECT c.email
FROM customers AS c
WHERE NOT EXISTS (
    SELECT 1 FROM orders AS o WHERE o.customer_id = c.id
)
ORDER BY c.email;
