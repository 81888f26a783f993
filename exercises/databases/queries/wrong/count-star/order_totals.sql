-- Mistake: COUNT(*) counts the empty LEFT JOIN row, and SUM of nothing is NULL.
SELECT o.id AS order_id,
       COUNT(*) AS items,
       SUM(oi.quantity * oi.unit_price_cents) AS total_cents
FROM orders AS o
LEFT JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY o.id
ORDER BY o.id;
