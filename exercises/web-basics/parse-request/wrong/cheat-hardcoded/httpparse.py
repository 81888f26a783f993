"""CHEAT (kept as a wrong solution so validate proves it fails): no parser.
Every request the checks send was fixed in tests/check_parse.py, which the
learner can read, so the answers were recorded once and are looked up here
by the request's bytes (hex). Anything else is a 400."""


class HTTPError(Exception):
    def __init__(self, status, reason=""):
        super().__init__(f"{status} {reason}")
        self.status = status


ANSWERS = {
    '47452854202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'error': 400},
    '47455420202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'error': 400},
    '474554202f0d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a4163636570743a202a2f2a0d0a0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a484f53543a206578616d706c652e636f6d0d0a4163636570743a202020746578742f68746d6c20090d0a582d456d7074793a0d0a0d0a': {'ok': {'method': 'GET', 'target': '/', 'path': '/', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'accept': 'text/html', 'x-empty': ''}, 'body': ''}},
    '474554202f20485454502f312e310d0a486f7374203a206578616d706c652e636f6d0d0a0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a486f73743a20612e6578616d706c650d0a486f73743a20622e6578616d706c650d0a0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a4163636570743a20746578742f68746d6c0d0a6163636570743a206170706c69636174696f6e2f6a736f6e0d0a4143434550543a202a2f2a0d0a0d0a': {'ok': {'method': 'GET', 'target': '/', 'path': '/', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'accept': 'text/html, application/json, */*'}, 'body': ''}},
    '474554202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a4e6f436f6c6f6e486572650d0a0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a582d4c6f6e673a2070617274206f6e650d0a2020706172742074776f0d0a0d0a': {'error': 400},
    '474554202f20485454502f312e310d0a486f73743a206578616d706c652e636f6d3a383038300d0a526566657265723a20687474703a2f2f612e6578616d706c652f780d0a0d0a': {'ok': {'method': 'GET', 'target': '/', 'path': '/', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com:8080', 'referer': 'http://a.example/x'}, 'body': ''}},
    '474554202f20485454502f322e300d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'error': 505},
    '474554202f20687474702f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'error': 400},
    '474554202f6361662543332541392f6d656e753f713d612532306226706167653d3226706167653d3326656d7074793d20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'ok': {'method': 'GET', 'target': '/caf%C3%A9/menu?q=a%20b&page=2&page=3&empty=', 'path': '/café/menu', 'query': {'q': ['a b'], 'page': ['2', '3'], 'empty': ['']}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com'}, 'body': ''}},
    '474554202f696e6465782e68746d6c20485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'ok': {'method': 'GET', 'target': '/index.html', 'path': '/index.html', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com'}, 'body': ''}},
    '48454144202f20485454502f312e300d0a0d0a': {'ok': {'method': 'HEAD', 'target': '/', 'path': '/', 'query': {}, 'version': 'HTTP/1.0', 'headers': {}, 'body': ''}},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a69676e6f726564': {'ok': {'method': 'POST', 'target': '/f', 'path': '/f', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com'}, 'body': ''}},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a436f6e74656e742d4c656e6774683a202b350d0a0d0a68656c6c6f': {'error': 400},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a436f6e74656e742d4c656e6774683a2031300d0a0d0a73686f7274': {'error': 400},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a436f6e74656e742d4c656e6774683a20350d0a436f6e74656e742d4c656e6774683a20360d0a0d0a68656c6c6f21': {'error': 400},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a436f6e74656e742d4c656e6774683a2074656e0d0a0d0a30313233343536373839': {'error': 400},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a436f6e74656e742d547970653a20746578742f706c61696e0d0a436f6e74656e742d4c656e6774683a2031310d0a0d0a68656c6c6f20776f726c64': {'ok': {'method': 'POST', 'target': '/f', 'path': '/f', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'content-type': 'text/plain', 'content-length': '11'}, 'body': '68656c6c6f20776f726c64'}},
    '504f5354202f6620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a636f6e74656e742d6c656e6774683a20350d0a0d0a68656c6c6f474554202f20485454502f312e310d0a': {'ok': {'method': 'POST', 'target': '/f', 'path': '/f', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'content-length': '5'}, 'body': '68656c6c6f'}},
    '504f5354202f7520485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a20677a69702c206368756e6b65640d0a0d0a300d0a0d0a': {'error': 501},
    '504f5354202f7520485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a7472616e736665722d656e636f64696e673a204368756e6b65640d0a0d0a320d0a6f6b0d0a300d0a0d0a': {'ok': {'method': 'POST', 'target': '/u', 'path': '/u', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'transfer-encoding': 'Chunked'}, 'body': '6f6b'}},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a330d0a6162630d0a300d0a582d436865636b73756d3a2034320d0a582d4f746865723a20310d0a0d0a': {'ok': {'method': 'POST', 'target': '/upload', 'path': '/upload', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'transfer-encoding': 'chunked'}, 'body': '616263'}},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a330d0a616263640d0a300d0a0d0a': {'error': 400},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a340d0a57696b690d0a': {'error': 400},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a340d0a57696b690d0a350d0a70656469610d0a300d0a0d0a': {'ok': {'method': 'POST', 'target': '/upload', 'path': '/upload', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'transfer-encoding': 'chunked'}, 'body': '57696b697065646961'}},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a370d0a0d0a300d0a0d0a0d0a300d0a0d0a': {'ok': {'method': 'POST', 'target': '/upload', 'path': '/upload', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'transfer-encoding': 'chunked'}, 'body': '0d0a300d0a0d0a'}},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a413b6e616d653d76616c75650d0a303132333435363738390d0a3161203b20780d0a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a0d0a303b6c6173740d0a0d0a': {'ok': {'method': 'POST', 'target': '/upload', 'path': '/upload', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'transfer-encoding': 'chunked'}, 'body': '303132333435363738397a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a'}},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a0d0a7a7a0d0a6162630d0a300d0a0d0a': {'error': 400},
    '504f5354202f75706c6f616420485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a5472616e736665722d456e636f64696e673a206368756e6b65640d0a436f6e74656e742d4c656e6774683a20350d0a0d0a300d0a0d0a': {'error': 400},
    '50524f5046494e44202f64617620485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a0d0a': {'ok': {'method': 'PROPFIND', 'target': '/dav', 'path': '/dav', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com'}, 'body': ''}},
    '505554202f6220485454502f312e310d0a486f73743a206578616d706c652e636f6d0d0a436f6e74656e742d4c656e6774683a20360d0a0d0a00ff0d0a0d0a': {'ok': {'method': 'PUT', 'target': '/b', 'path': '/b', 'query': {}, 'version': 'HTTP/1.1', 'headers': {'host': 'example.com', 'content-length': '6'}, 'body': '00ff0d0a0d0a'}},
}


def parse_request(raw):
    out = ANSWERS.get(bytes(raw).hex())
    if out is None:
        raise HTTPError(400)
    if "error" in out:
        raise HTTPError(out["error"])
    got = dict(out["ok"])
    got["body"] = bytes.fromhex(got["body"])
    return got
