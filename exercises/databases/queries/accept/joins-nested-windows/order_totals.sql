SELECT o.id                                                 AS order_id,
       COUNT(oi.order_id)                                   AS items,
       IFNULL(SUM(oi.quantity * oi.unit_price_cents), 0)    AS total_cents
FROM orders o
LEFT JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.id
ORDER BY o.id;
