SELECT strftime('%Y-%m', o.created_at)                                  AS month,
       SUM(oi.quantity * oi.unit_price_cents)                           AS revenue_cents,
       SUM(SUM(oi.quantity * oi.unit_price_cents)) OVER (ORDER BY strftime('%Y-%m', o.created_at))
                                                                         AS running_total_cents
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
WHERE o.status = 'paid' OR o.status = 'shipped'
GROUP BY strftime('%Y-%m', o.created_at)
ORDER BY month;
