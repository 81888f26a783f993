'use strict';
// The cache is a Map whose insertion order is the usage order.
class LRUCache extends Map {
	constructor(capacity) {
		super();
		if (!(Number.isSafeInteger(capacity) && capacity >= 1))
			throw new RangeError(`invalid capacity: ${capacity}`);
		Object.defineProperty(this, 'limit', { value: capacity });
	}

	get(key, otherwise) {
		if (!super.has(key))
			return otherwise;
		const v = super.get(key);
		super.delete(key);
		super.set(key, v);
		return v;
	}

	put(key, value) {
		if (super.has(key))
			super.delete(key);
		super.set(key, value);
		while (super.size > this.limit) {
			const [oldest] = super.keys();
			super.delete(oldest);
		}
		return undefined;
	}

	keys() {
		return Array.from(super.keys());
	}
}

module.exports = { LRUCache };
