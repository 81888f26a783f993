'use strict';
// Breadth-first search: replace both bodies.

function shortestPath(graph, start, goal) {
	return null;
}

function distances(graph, start) {
	return new Map([[start, 0]]);
}

module.exports = { shortestPath, distances };
