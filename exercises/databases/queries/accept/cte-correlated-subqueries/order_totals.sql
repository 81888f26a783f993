-- Correlated subqueries instead of a LEFT JOIN + GROUP BY.
SELECT o.id AS order_id,
       (SELECT COUNT(*) FROM order_items AS oi WHERE oi.order_id = o.id) AS items,
       (SELECT COALESCE(SUM(oi.quantity * oi.unit_price_cents), 0)
          FROM order_items AS oi WHERE oi.order_id = o.id) AS total_cents
FROM orders AS o
ORDER BY o.id;
