-- Units sold per product, ranked within each category; ties share a rank.
WITH units AS (
    SELECT p.category, p.name AS product, SUM(oi.quantity) AS units
    FROM products AS p
    JOIN order_items AS oi ON oi.product_id = p.id
    JOIN orders AS o       ON o.id = oi.order_id
    WHERE o.status IN ('paid', 'shipped')
    GROUP BY p.id
),
ranked AS (
    SELECT category, product, units,
           RANK() OVER (PARTITION BY category ORDER BY units DESC) AS rank
    FROM units
)
SELECT category, product, units, rank
FROM ranked
WHERE rank <= 2
ORDER BY category, rank, product;
