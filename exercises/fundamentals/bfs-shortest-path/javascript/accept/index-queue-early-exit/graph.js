'use strict';
// A ring-free queue: a preallocated array grown on demand with a head
// index; returns as soon as the goal is discovered (not dequeued).
class Queue {
	constructor() { this.items = []; this.head = 0; }
	push(x) { this.items.push(x); }
	pop() { return this.items[this.head++]; }
	get empty() { return this.head >= this.items.length; }
}

function walkBack(prev, node) {
	const out = [];
	while (node !== undefined) {
		out.push(node.id);
		node = node.prev;
	}
	return out.reverse();
}

function shortestPath(graph, start, goal) {
	if (start === goal) return [start];
	const seen = new Map([[start, { id: start, prev: undefined }]]);
	const q = new Queue();
	q.push(start);
	while (!q.empty) {
		const id = q.pop();
		const here = seen.get(id);
		for (const n of graph.get(id) ?? []) {
			if (seen.has(n)) continue;
			const rec = { id: n, prev: here };
			seen.set(n, rec);
			if (n === goal) return walkBack(seen, rec);
			q.push(n);
		}
	}
	return null;
}

function distances(graph, start) {
	const out = new Map();
	out.set(start, 0);
	const q = new Queue();
	q.push(start);
	while (!q.empty) {
		const id = q.pop();
		const d = out.get(id) + 1;
		for (const n of graph.get(id) ?? [])
			if (!out.has(n)) { out.set(n, d); q.push(n); }
	}
	return out;
}

module.exports = { shortestPath, distances };
