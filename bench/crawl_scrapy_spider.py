"""A minimal Scrapy spider for the same-run comparison in crawl_bench.py.

  python3 -m scrapy runspider bench/crawl_scrapy_spider.py -a start=http://127.0.0.1:PORT/ -o out.jsonl

What a Scrapy user would write for a portal: follow every in-site link,
yield each page's <title> (no article extraction, no storage beyond the
feed file), concurrency 64, robots.txt obeyed, no delay, depth limit 10
(as `gleaner crawl`'s default), the default duplicate filter, and the
portal's ?sid= session parameter stripped (without that, portal-sim's s3
session trap keeps Scrapy busy for ever: 49 500 requests in 15 minutes).
"""

from urllib.parse import urlparse

import scrapy
from w3lib.url import url_query_cleaner


class PortalSpider(scrapy.Spider):
    name = "portal"
    custom_settings = {
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 64,
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": True,
        "DEPTH_LIMIT": 10,
        "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }

    def __init__(self, start, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_urls = [start]
        self.allowed_domains = [urlparse(start).hostname]

    def parse(self, response):
        if not hasattr(response, "css"):
            return
        yield {"url": response.url, "title": response.css("title::text").get()}
        for href in response.css("a::attr(href)").getall():
            url = url_query_cleaner(response.urljoin(href), ("sid",), remove=True)
            yield scrapy.Request(url, callback=self.parse)
