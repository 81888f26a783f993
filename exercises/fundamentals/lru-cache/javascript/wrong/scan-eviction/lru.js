'use strict';
// Wrong: correct answers, but eviction scans every entry for the oldest
// timestamp: O(n) per put once the cache is full.
class LRUCache {
	constructor(capacity) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError('capacity must be an integer >= 1');
		this.capacity = capacity;
		this.map = new Map(); // key -> [value, lastUse]
		this.clock = 0;
	}
	get(key, defaultValue = undefined) {
		const e = this.map.get(key);
		if (!e)
			return defaultValue;
		e[1] = ++this.clock;
		return e[0];
	}
	put(key, value) {
		this.map.set(key, [value, ++this.clock]);
		if (this.map.size > this.capacity) {
			let oldest, when = Infinity;
			for (const [k, e] of this.map)
				if (e[1] < when) { when = e[1]; oldest = k; }
			this.map.delete(oldest);
		}
	}
	get size() { return this.map.size; }
	has(key) { return this.map.has(key); }
	keys() { return [...this.map.entries()].sort((a, b) => a[1][1] - b[1][1]).map((e) => e[0]); }
}
module.exports = { LRUCache };
