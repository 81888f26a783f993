-- TODO: sales only, and the running total column is missing.
SELECT strftime('%Y-%m', o.created_at) AS month,
       SUM(oi.quantity * oi.unit_price_cents) AS revenue_cents
FROM orders AS o
JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY month
ORDER BY month;
