-- TODO: orders without items are missing.
SELECT o.id AS order_id, COUNT(*) AS items, SUM(oi.quantity * oi.unit_price_cents) AS total_cents
FROM orders AS o
JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY o.id
ORDER BY o.id;
