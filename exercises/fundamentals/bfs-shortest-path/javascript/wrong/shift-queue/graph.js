'use strict';
// Wrong: right answers, but queue.shift() is O(n): O(n^2) on a long chain.

function parents(graph, start, goal) {
	const parent = new Map([[start, start]]);
	const queue = [start];
	while (queue.length) {
		const node = queue.shift();
		if (node === goal)
			break;
		for (const next of graph.get(node) ?? []) {
			if (!parent.has(next)) {
				parent.set(next, node);
				queue.push(next);
			}
		}
	}
	return parent;
}

function shortestPath(graph, start, goal) {
	const parent = parents(graph, start, goal);
	if (!parent.has(goal))
		return null;
	const path = [goal];
	for (let node = goal; node !== start; node = parent.get(node))
		path.push(parent.get(node));
	return path.reverse();
}

function distances(graph, start) {
	const dist = new Map([[start, 0]]);
	const queue = [start];
	while (queue.length) {
		const node = queue.shift();
		for (const next of graph.get(node) ?? []) {
			if (!dist.has(next)) {
				dist.set(next, dist.get(node) + 1);
				queue.push(next);
			}
		}
	}
	return dist;
}

module.exports = { shortestPath, distances };
