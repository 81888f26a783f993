'use strict';
// Binary search over sorted arrays and monotone predicates. Every function
// keeps a half-open interval [lo, hi) that holds the answer: everything
// left of lo is "too small", everything from hi on is "big enough".

function firstTrue(lo, hi, pred) {
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2); // lo <= mid < hi: pred stays inside
		if (pred(mid))
			hi = mid;      // mid may be the answer: keep it
		else
			lo = mid + 1;  // mid is not
	}
	return lo;
}

function lowerBound(items, target) {
	return firstTrue(0, items.length, (i) => items[i] >= target);
}

function upperBound(items, target) {
	return firstTrue(0, items.length, (i) => items[i] > target);
}

function findRange(items, target) {
	const start = lowerBound(items, target);
	// Everything before start is < target: search the end from start on.
	return [start, firstTrue(start, items.length, (i) => items[i] > target)];
}

module.exports = { lowerBound, upperBound, findRange, firstTrue };
