'use strict';
// Wrong: get() does not count as a use, so the oldest insertion is evicted
// (first in, first out), not the least recently used entry.
class LRUCache {
	constructor(capacity) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError('capacity must be an integer >= 1');
		this.capacity = capacity;
		this.map = new Map();
	}
	get(key, defaultValue = undefined) {
		return this.map.has(key) ? this.map.get(key) : defaultValue;
	}
	put(key, value) {
		this.map.delete(key);
		this.map.set(key, value);
		if (this.map.size > this.capacity)
			this.map.delete(this.map.keys().next().value);
	}
	get size() { return this.map.size; }
	has(key) { return this.map.has(key); }
	keys() { return [...this.map.keys()]; }
}
module.exports = { LRUCache };
