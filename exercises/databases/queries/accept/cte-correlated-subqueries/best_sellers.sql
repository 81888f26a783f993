WITH units_sold AS (
    SELECT oi.product_id, SUM(oi.quantity) AS units
    FROM order_items AS oi
    WHERE oi.order_id IN (SELECT id FROM orders WHERE status IN ('paid', 'shipped'))
    GROUP BY oi.product_id
),
ranked AS (
    SELECT p.category,
           p.name AS product,
           u.units,
           RANK() OVER (PARTITION BY p.category ORDER BY u.units DESC) AS rank
    FROM units_sold AS u
    JOIN products AS p ON p.id = u.product_id
)
SELECT category, product, units, rank
FROM ranked
WHERE rank <= 2
ORDER BY category, rank, product;
