'use strict';
// Wrong: tests "missing" with === undefined, so a key stored with the
// value undefined is treated as absent (and not refreshed).
class LRUCache {
	constructor(capacity) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError('capacity must be an integer >= 1');
		this.capacity = capacity;
		this.map = new Map();
	}
	get(key, defaultValue = undefined) {
		const v = this.map.get(key);
		if (v === undefined)
			return defaultValue;
		this.map.delete(key);
		this.map.set(key, v);
		return v;
	}
	put(key, value) {
		this.map.delete(key);
		this.map.set(key, value);
		if (this.map.size > this.capacity)
			this.map.delete(this.map.keys().next().value);
	}
	get size() { return this.map.size; }
	has(key) { return this.map.get(key) !== undefined; }
	keys() { return [...this.map.keys()]; }
}
module.exports = { LRUCache };
