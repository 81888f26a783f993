'use strict';
// Wrong: put() on a key that is already there replaces the value but
// leaves the key where it was in the usage order.
class LRUCache {
	constructor(capacity) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError('capacity must be an integer >= 1');
		this.capacity = capacity;
		this.map = new Map();
	}
	get(key, defaultValue = undefined) {
		if (!this.map.has(key))
			return defaultValue;
		const v = this.map.get(key);
		this.map.delete(key);
		this.map.set(key, v);
		return v;
	}
	put(key, value) {
		this.map.set(key, value);
		if (this.map.size > this.capacity)
			this.map.delete(this.map.keys().next().value);
	}
	get size() { return this.map.size; }
	has(key) { return this.map.has(key); }
	keys() { return [...this.map.keys()]; }
}
module.exports = { LRUCache };
