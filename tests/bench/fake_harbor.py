#!/usr/bin/env python3
"""A fake Harbor for the version-table figure: one public project `library` with one repository `big` of N chart
versions, served as Harbor's API definition describes (api/v2.0/swagger.yaml in goharbor/harbor): /api/v2.0/systeminfo,
/projects, /projects/{p}/repositories, /projects/{p}/repositories/{r}/artifacts paged by page and page_size (at most
100, 422 above) with X-Total-Count and a relative Link. Prints its port, then counts requests in REQUESTS_FILE."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
LOG = sys.argv[2] if len(sys.argv) > 2 else "/dev/null"
ARTIFACTS = [{
    "type": "CHART",
    "digest": "sha256:%064x" % i,
    "push_time": "2026-01-01T00:%02d:%02d.000Z" % (i // 60 % 60, i % 60),
    "extra_attrs": {"apiVersion": "v2", "name": "big", "version": "1.%d.%d" % (i // 100, i % 100),
                    "appVersion": "app-%d" % i, "description": "chart %d" % i},
    "tags": [{"name": "1.%d.%d" % (i // 100, i % 100), "push_time": "2026-01-01T00:00:00.000Z"}],
    "accessories": [{"type": "signature.cosign"}] if i % 2 == 0 else [],
} for i in range(COUNT)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def page(self, items, path, query):
        page = int(query.get("page", ["1"])[0])
        size = int(query.get("page_size", ["10"])[0])
        if size > 100:
            return self.send_json(422, {"errors": [{"code": "UNPROCESSABLE_ENTITY", "message": "page_size"}]})
        headers = {"X-Total-Count": str(len(items))}
        if page * size < len(items):
            rest = "&".join("%s=%s" % (k, v[0]) for k, v in query.items() if k != "page")
            headers["Link"] = '<%s?page=%d&%s>; rel="next"' % (path, page + 1, rest)
        self.send_json(200, items[(page - 1) * size:page * size], headers)

    def do_GET(self):
        with open(LOG, "a") as log:
            log.write(self.path + "\n")
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/api/v2.0/systeminfo":
            return self.send_json(200, {"auth_mode": "db_auth", "harbor_version": "v2.11.0"})
        if url.path == "/api/v2.0/projects":
            return self.page([{"name": "library", "project_id": 1}], url.path, query)
        if url.path == "/api/v2.0/projects/library/repositories":
            return self.page([{"name": "library/big", "artifact_count": COUNT}], url.path, query)
        if url.path == "/api/v2.0/projects/library/repositories/big/artifacts":
            return self.page(ARTIFACTS, url.path, query)
        return self.send_json(404, {"errors": [{"code": "NOT_FOUND", "message": "not found"}]})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
