'use strict';
// An LRU cache on a Map: a Map iterates in insertion order, so deleting a
// key and setting it again moves it to the most recent end, and the first
// key is the least recently used. Every operation is O(1).

class LRUCache {
	#capacity;
	#entries = new Map();

	constructor(capacity) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError(`capacity must be an integer >= 1, got ${String(capacity)}`);
		this.#capacity = capacity;
	}

	get(key, defaultValue = undefined) {
		if (!this.#entries.has(key))
			return defaultValue;
		const value = this.#entries.get(key);
		this.#entries.delete(key);
		this.#entries.set(key, value);
		return value;
	}

	put(key, value) {
		this.#entries.delete(key);
		this.#entries.set(key, value);
		if (this.#entries.size > this.#capacity)
			this.#entries.delete(this.#entries.keys().next().value);
	}

	get size() {
		return this.#entries.size;
	}

	has(key) {
		return this.#entries.has(key);
	}

	keys() {
		return [...this.#entries.keys()];
	}
}

module.exports = { LRUCache };
