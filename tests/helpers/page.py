"""Read what crawlers read from a page: JSON-LD blocks and <head> link/meta tags."""

import json
from html.parser import HTMLParser


class _HeadReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.json_ld = []
        self.meta = {}
        self.links = {}
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link" and "rel" in attrs:
            self.links.setdefault(attrs["rel"], []).append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def read_head(html: str) -> _HeadReader:
    reader = _HeadReader()
    reader.feed(html)
    return reader


def json_ld(html: str) -> list:
    """Every JSON-LD block of the page, parsed (json.loads fails the test on invalid JSON)."""
    return [json.loads(block) for block in read_head(html).json_ld]
