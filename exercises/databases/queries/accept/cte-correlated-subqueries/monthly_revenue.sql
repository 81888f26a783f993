WITH monthly AS (
    SELECT substr(o.created_at, 1, 7) AS month,
           SUM(oi.quantity * oi.unit_price_cents) AS revenue_cents
    FROM orders AS o
    JOIN order_items AS oi ON oi.order_id = o.id
    WHERE o.status IN ('paid', 'shipped')
    GROUP BY 1
)
SELECT month,
       revenue_cents,
       SUM(revenue_cents) OVER (ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
           AS running_total_cents
FROM monthly
ORDER BY month;
