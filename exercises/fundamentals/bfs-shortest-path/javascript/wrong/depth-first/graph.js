'use strict';
// Wrong: a stack instead of a queue: depth-first finds a path, not the shortest.
function shortestPath(graph, start, goal) {
	const parent = new Map([[start, start]]);
	const stack = [start];
	while (stack.length) {
		const node = stack.pop();
		if (node === goal) break;
		for (const next of graph.get(node) ?? [])
			if (!parent.has(next)) { parent.set(next, node); stack.push(next); }
	}
	if (!parent.has(goal)) return null;
	const path = [goal];
	for (let n = goal; n !== start; n = parent.get(n)) path.push(parent.get(n));
	return path.reverse();
}
function distances(graph, start) {
	const dist = new Map([[start, 0]]);
	const stack = [start];
	while (stack.length) {
		const node = stack.pop();
		for (const next of graph.get(node) ?? [])
			if (!dist.has(next)) { dist.set(next, dist.get(node) + 1); stack.push(next); }
	}
	return dist;
}
module.exports = { shortestPath, distances };
