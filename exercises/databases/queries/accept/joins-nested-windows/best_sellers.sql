SELECT category, product, units, rank
FROM (
    SELECT p.category                                   AS category,
           p.name                                       AS product,
           SUM(oi.quantity)                             AS units,
           RANK() OVER (PARTITION BY p.category
                        ORDER BY SUM(oi.quantity) DESC) AS rank
    FROM order_items oi
    JOIN orders o   ON o.id = oi.order_id
    JOIN products p ON p.id = oi.product_id
    WHERE o.status IN ('paid', 'shipped')
    GROUP BY p.id, p.category, p.name
) AS ranked
WHERE rank IN (1, 2)
ORDER BY category, rank, product;
