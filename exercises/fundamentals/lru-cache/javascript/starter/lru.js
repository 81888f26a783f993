'use strict';
// An LRU cache. It works, but every operation is O(n): make it O(1).

class LRUCache {
	constructor(capacity) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError('capacity must be an integer >= 1');
		this.capacity = capacity;
		this.values = new Map();
		this.order = []; // least recently used first
	}

	touch(key) {
		const i = this.order.indexOf(key);
		if (i >= 0)
			this.order.splice(i, 1);
		this.order.push(key);
	}

	get(key, defaultValue = undefined) {
		if (!this.values.has(key))
			return defaultValue;
		this.touch(key);
		return this.values.get(key);
	}

	put(key, value) {
		this.values.set(key, value);
		this.touch(key);
		if (this.order.length > this.capacity)
			this.values.delete(this.order.shift());
	}

	get size() {
		return this.values.size;
	}

	has(key) {
		return this.values.has(key);
	}

	keys() {
		return [...this.order];
	}
}

module.exports = { LRUCache };
