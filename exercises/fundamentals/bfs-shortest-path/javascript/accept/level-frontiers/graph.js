'use strict';
// Level by level: the frontier of distance d produces the frontier of d + 1.
// Parents kept in a plain Map; no queue at all.
exports.distances = (graph, from) => {
	const d = new Map();
	d.set(from, 0);
	let frontier = [from];
	for (let level = 1; frontier.length > 0; level++) {
		const nextFrontier = [];
		for (const u of frontier)
			for (const v of graph.get(u) || [])
				if (!d.has(v)) {
					d.set(v, level);
					nextFrontier.push(v);
				}
		frontier = nextFrontier;
	}
	return d;
};

exports.shortestPath = (graph, from, to) => {
	const via = new Map([[from, undefined]]);
	let frontier = [from];
	while (frontier.length && !via.has(to)) {
		const nextFrontier = [];
		for (const u of frontier)
			for (const v of graph.get(u) || [])
				if (!via.has(v)) {
					via.set(v, u);
					nextFrontier.push(v);
				}
		frontier = nextFrontier;
	}
	if (!via.has(to)) return null;
	const route = [];
	for (let cur = to; ; cur = via.get(cur)) {
		route.push(cur);
		if (cur === from) break;
	}
	return route.reverse();
};
