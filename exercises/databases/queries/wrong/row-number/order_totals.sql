-- Every order, with 0 (not NULL) for orders that have no items.
SELECT o.id AS order_id,
       COUNT(oi.product_id) AS items,
       COALESCE(SUM(oi.quantity * oi.unit_price_cents), 0) AS total_cents
FROM orders AS o
LEFT JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY o.id
ORDER BY o.id;
