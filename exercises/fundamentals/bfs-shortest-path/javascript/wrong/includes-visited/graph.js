'use strict';
// Wrong: right answers, but the visited nodes are an array: includes() is O(n).

function parents(graph, start, goal) {
	const parent = new Map([[start, start]]);
	const seen = [start];
	const queue = [start];
	for (let head = 0; head < queue.length; head++) {
		const node = queue[head];
		if (node === goal)
			break;
		for (const next of graph.get(node) ?? []) {
			if (!seen.includes(next)) {
				seen.push(next);
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
	const seen = [start];
	const dist = new Map([[start, 0]]);
	const queue = [start];
	for (let head = 0; head < queue.length; head++) {
		const node = queue[head];
		for (const next of graph.get(node) ?? []) {
			if (!seen.includes(next)) {
				seen.push(next);
				dist.set(next, dist.get(node) + 1);
				queue.push(next);
			}
		}
	}
	return dist;
}

module.exports = { shortestPath, distances };
