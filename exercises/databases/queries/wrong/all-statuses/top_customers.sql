-- Mistake: pending and cancelled orders are counted as sales.
-- The three customers with the highest sales (paid or shipped orders).
SELECT c.name,
       c.email,
       SUM(oi.quantity * oi.unit_price_cents) AS total_cents
FROM customers AS c
JOIN orders AS o       ON o.customer_id = c.id
JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY c.id
ORDER BY total_cents DESC, c.name ASC
LIMIT 3;
