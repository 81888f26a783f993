-- TODO: only sales (paid or shipped) count, and ties need an order.
SELECT c.name, c.email, SUM(oi.quantity * oi.unit_price_cents) AS total_cents
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY c.id
ORDER BY total_cents DESC
LIMIT 3;
