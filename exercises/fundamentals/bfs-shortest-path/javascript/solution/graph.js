'use strict';
// BFS with an array and a read index as the queue (shift() is O(n)), and a
// Map of parents that is also the visited set.

function parents(graph, start, goal) {
	const parent = new Map([[start, start]]);
	const queue = [start];
	for (let head = 0; head < queue.length; head++) {
		const node = queue[head];
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
	for (let head = 0; head < queue.length; head++) {
		const node = queue[head];
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
