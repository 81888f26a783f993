'use strict';
// Galloping by powers of two from the left: try the largest jump that
// keeps pred false, then halve the jump. O(log n) probes.
function firstTrue(lo, hi, pred) {
	if (lo >= hi) return hi;
	let pos = lo - 1; // pred(pos) is false (or pos is before the range)
	let step = 1;
	while (step * 2 <= hi - lo) step *= 2;
	for (; step >= 1; step /= 2) {
		const next = pos + step;
		if (next < hi && !pred(next)) pos = next;
	}
	return pos + 1;
}

function lowerBound(items, target) { return firstTrue(0, items.length, (i) => items[i] >= target); }
function upperBound(items, target) { return firstTrue(0, items.length, (i) => target < items[i]); }
function findRange(items, target) {
	const a = lowerBound(items, target);
	const b = firstTrue(a, items.length, (i) => target < items[i]);
	return [a, b];
}

module.exports = { firstTrue, lowerBound, upperBound, findRange };
