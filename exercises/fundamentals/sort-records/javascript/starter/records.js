'use strict';
// Sort records by several keys: replace the body.

function sortRecords(records, keys) {
	return [...records];
}

module.exports = { sortRecords };
