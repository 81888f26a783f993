'use strict';
// A hash map from key to node plus a doubly linked list with two
// sentinels: the node after head is the least recently used.
function makeNode(key, value) {
	return { key, value, prev: null, next: null };
}

function LRUCache(capacity) {
	if (typeof capacity !== 'number' || capacity % 1 !== 0 || capacity <= 0)
		throw new RangeError('bad capacity');
	this.cap = capacity;
	this.index = new Map();
	this.head = makeNode();
	this.tail = makeNode();
	this.head.next = this.tail;
	this.tail.prev = this.head;
}

LRUCache.prototype.unlink = function (n) {
	n.prev.next = n.next;
	n.next.prev = n.prev;
};

LRUCache.prototype.append = function (n) {
	n.prev = this.tail.prev;
	n.next = this.tail;
	this.tail.prev.next = n;
	this.tail.prev = n;
};

LRUCache.prototype.get = function (key, fallback) {
	const n = this.index.get(key);
	if (n === undefined)
		return fallback;
	this.unlink(n);
	this.append(n);
	return n.value;
};

LRUCache.prototype.put = function (key, value) {
	let n = this.index.get(key);
	if (n !== undefined) {
		n.value = value;
		this.unlink(n);
	} else {
		n = makeNode(key, value);
		this.index.set(key, n);
	}
	this.append(n);
	if (this.index.size > this.cap) {
		const old = this.head.next;
		this.unlink(old);
		this.index.delete(old.key);
	}
};

Object.defineProperty(LRUCache.prototype, 'size', {
	get() { return this.index.size; },
});

LRUCache.prototype.has = function (key) {
	return this.index.has(key);
};

LRUCache.prototype.keys = function () {
	const out = [];
	for (let n = this.head.next; n !== this.tail; n = n.next)
		out.push(n.key);
	return out;
};

module.exports.LRUCache = LRUCache;
