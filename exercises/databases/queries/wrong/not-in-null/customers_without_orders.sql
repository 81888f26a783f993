-- Mistake: NOT IN over a subquery that returns a NULL matches nothing.
SELECT email
FROM customers
WHERE id NOT IN (SELECT customer_id FROM orders)
ORDER BY email;
