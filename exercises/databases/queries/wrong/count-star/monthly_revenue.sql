-- Sales per month, then a running total with a window over the grouped rows.
WITH monthly AS (
    SELECT strftime('%Y-%m', o.created_at) AS month,
           SUM(oi.quantity * oi.unit_price_cents) AS revenue_cents
    FROM orders AS o
    JOIN order_items AS oi ON oi.order_id = o.id
    WHERE o.status IN ('paid', 'shipped')
    GROUP BY month
)
SELECT month,
       revenue_cents,
       SUM(revenue_cents) OVER (ORDER BY month) AS running_total_cents
FROM monthly
ORDER BY month;
