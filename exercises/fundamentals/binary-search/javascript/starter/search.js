'use strict';
// Binary search: replace each body with your own loop.

function lowerBound(items, target) {
	throw new Error('not implemented');
}

function upperBound(items, target) {
	throw new Error('not implemented');
}

function findRange(items, target) {
	throw new Error('not implemented');
}

function firstTrue(lo, hi, pred) {
	throw new Error('not implemented');
}

module.exports = { lowerBound, upperBound, findRange, firstTrue };
