"""CHEAT (kept as a wrong solution so validate proves it fails): no logic at all. Every
response is looked up in a table recorded by running the reference solution through the
old, fixed check scenarios (keyed by a hash of the requests so far), so a check that asks
the same questions every run gets the same right answers."""
import copy
import hashlib
import time

TABLE = {
    'd37427e2aa3ff1c00399d49e5e59bcd1aaf885aeb134996c177d428aadd5c526': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '4574e873184c8d5eb15d76621ce3e5e85c0d738cef977e40b2ba92f3763fb444': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_2'}, b'{"id": "pay_2", "amount_cents": 99, "currency": "GBP", "description": "tea", "status": "succeeded"}'),
    'cf952a36cab9da667a4dbd4570440d924dee64d2135e7c917d467c942fef2caf': (200, {'Content-Type': 'application/json'}, b'{"id": "pay_2", "amount_cents": 99, "currency": "GBP", "description": "tea", "status": "succeeded"}'),
    '1da135cd0bc3140fb44f6dad7b96fe7508499f6e91f7858565db3ca7404fa2b6': (404, {'Content-Type': 'application/json'}, b'{"error": "not_found"}'),
    '85194a9050d450c5c6fac7d0aa962e14229bdff124dd54c7dfda5f7e76a29c58': (400, {'Content-Type': 'application/json'}, b'{"error": "idempotency_key_required"}'),
    '2436a1e757ab142827ee7bd47d6ccd958d5e875d55747da1287fd4167ca1b6dc': (200, {'Content-Type': 'application/json'}, b'{"items": []}'),
    '2a7f6729b210c883eed2ea8616cf0e2bee7ad3a286c4bef21d7820d69330fb9f': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    'cf31694af69cfad16bf418349144b42ee4c352942da0c725132b00f6c85be11c': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    '71c0ce2d46d2537d2d4b7732e640d2317997eb73b034f719698fa11c68876026': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    'aaaaa1d01a720027d590699e4b80837ce3ea4a319294e57d2e03dc1f903e26ca': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    '5d22368c94860bed802d3114f73071ccd9b57241286173bd76adebb9a672331a': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    'fbce9dc63033b9ed006e99b9d833abff490ca2556e6b56e3f38e5cbd0e63c089': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    '0004e98b0fef2a121b6ca18c0ffb1be3ab9b0fc745115d4daf033587c9539a6c': (400, {'Content-Type': 'application/json'}, b'{"error": "invalid_json"}'),
    '22fb01e20c5556d253bb7feadc26cb388e0d17d09e448510bcf0308f0398812f': (200, {'Content-Type': 'application/json'}, b'{"items": []}'),
    'c58d00992c3acbb4841bc828c003dd6d4025e47831d7e47f569ef7fda608481e': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    'f389eb0e4d71cf066b5209d6e737e26f68a6580eb33cf5f41b3156495d5d9c93': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '511a71048ebf0fc638ee15db428229245fb9f3611ac4aa1bfe9a01894be53cc3': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '315a69611970677c1c0147ebb2bf17d7886cb6a48f300d1dd010477a96b23987': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    '6398be53bd7757b149db80ec8c1c6b2a53e3ad861091ffb575c49a1fd3bd941f': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    'ed84b8ea84e863da4fa5324881dcfb4c590c4a86a5a17904ba9db9e544d065dd': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '478f1369ec62ec1b84a3fe13f5b620e175886ff08d69cb1b7561d10ba5165bf0': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    '4a82c2e1c9e2cc66c7771dc9e05822f8483ad79427be351dc127f52a8e96782f': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '00d11fff087a08297818d211cbcc475e047156aba3d0ed80d6b7f4c2d518a77a': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '40f73a04ff0a9205b20600509d4a9c79828a5b687994765929d44c423f072078': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    'de2cd4577e04676ea5311fb9ff2924f570ce55842d9c08d514d9f85a6063a919': (422, {'Content-Type': 'application/json'}, b'{"error": "idempotency_key_reused"}'),
    'dd648b44b27335c99c9bc51733f8befcee83b530fc8dcec8596e52a585970370': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    'cfad0925c9cc32a8980858220b89fbef68790089a03672c51ea0f010ec2e0bbb': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    'f6e8f2c31b523c756c24ae265ca888403a783b1470f114f5ca632ffec000c7e8': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_2'}, b'{"id": "pay_2", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '93587c0758c10ae2e5746dfec45af0313608aa8fd47e4bf3edcbf5281c491d9f': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}, {"id": "pay_2", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    '182dcc6f57fb7c3040a4305a06445731905f75e0b83cda6152625688c935a41d': (422, {'Content-Type': 'application/json'}, b'{"error": "idempotency_key_reused"}'),
    'c105136cdb2174a4670dcd0c85bd5865afb46b45835add5b879b91a525f2ee81': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '18788c12931e2d40d0fe6e47150055f43d45a67766a8cc9161736cdbd8199de9': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '8587e1062ecf3b62672c4337b033a7d726b32e1a81bd38f67fc96b77fb36a54c': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    '1c707317a6da2c113009f0b345b5c520b4d95757d61f2a9fc0e65f335ae07076': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_2'}, b'{"id": "pay_2", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '51766596369ca829686f5111dace1493c36b1fe50f7db88208d042a561092f88': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_2'}, b'{"id": "pay_2", "amount_cents": 1, "currency": "USD", "description": null, "status": "succeeded"}'),
    'f4c5a65474a8b40ed70cf430d24d788e59817b9be61f02f91da35ba3462063e1': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}, {"id": "pay_2", "amount_cents": 1, "currency": "USD", "description": null, "status": "succeeded"}]}'),
    'db00889e490dfcd25a16d53ed949164d2ab8f776d9df56c72b875bc64944509b': (422, {'Content-Type': 'application/json'}, b'{"error": "validation_failed"}'),
    '65e77604f7feef088f1973725fb91b7394c7d60800b7513937cfa02e4f92467a': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '79be93e73ec2cb0ff12aa709c60d673f8030f7b0d4fdd68a26fe07baef47022a': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    'f3190df8aceb12b7bd25d249bd1771031af540231fe90fb725f5cb7c1535068c': (400, {'Content-Type': 'application/json'}, b'{"error": "invalid_idempotency_key"}'),
    '58a7690f60b01b56245680d238b928e01fe5b51fb474e13a273dd6985d13ef40': (400, {'Content-Type': 'application/json'}, b'{"error": "invalid_idempotency_key"}'),
    '46e7e81168589856126e0582a5c208ccbcd8acc0109d3ceec31471f4ee7c71de': (400, {'Content-Type': 'application/json'}, b'{"error": "invalid_idempotency_key"}'),
    'b50077ded2e0eb9fadeb3fe1d12ac1b4e28c0031862eefe3c2a3323c928a91fb': (400, {'Content-Type': 'application/json'}, b'{"error": "invalid_idempotency_key"}'),
    '75164c835590f6459b88b070a885c29bc336ae944f3b9a01cbb0eb256c794561': (400, {'Content-Type': 'application/json'}, b'{"error": "invalid_idempotency_key"}'),
    '28e02532828693f47ace329f0cab347d914ffd3f2f8e6da0c1525182debcc280': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '1f3ceae88a007848caeaf1f204c8574d7a6f6baf82df511cf24e0fba3a423aad': (200, {'Content-Type': 'application/json'}, b'{"items": [{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}]}'),
    '4b4468ebe8d99f31c4ad32ec939b78858366e322d5caee11991cd277f5286dd3': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '31fea425442e83f09ec02eb9622ecb34f120d3f03e0f375f23a7ca7f8e196c79': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    '65e3c8a03a52e188b7ea47951f2c5e264e6d7b327029d3e9c21c9634d3d84d39': (201, {'Content-Type': 'application/json', 'Location': '/payments/pay_1', 'Idempotent-Replayed': 'true'}, b'{"id": "pay_1", "amount_cents": 1250, "currency": "EUR", "description": null, "status": "succeeded"}'),
    'e6c17cbaf61ad704b6d6ae7fe2f67a745ed0292d680d251a943ab49748eaa876': (405, {'Content-Type': 'application/json', 'Allow': 'GET, POST'}, b'{"error": "method_not_allowed"}'),
    'a99cb1ca83f3a5668cce1967283dbe0bfd781627d76e9b1d060a2f23b058ec7b': (405, {'Content-Type': 'application/json', 'Allow': 'GET'}, b'{"error": "method_not_allowed"}'),
    '2b876ec42d32e02458d8a35547f5e2c2b50ad21e2507da149a07c8993862d5f6': (404, {'Content-Type': 'application/json'}, b'{"error": "not_found"}'),
}

class PaymentsAPI:
    def __init__(self, clock=time.time):
        self._h = hashlib.sha256()
        self._c = clock
    def handle(self, method, path, headers, body):
        self._h.update(repr((self._c(), method, path, sorted((headers or {}).items()), body)).encode())
        key = self._h.hexdigest()
        return TABLE.get(key, (500, {'Content-Type': 'application/json'}, b'{}'))
