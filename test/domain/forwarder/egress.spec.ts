import assert from "node:assert/strict";
import {
    allowedHostEntryProblem,
    egressDestination,
    egressUrlProblem,
    formatAllowedHosts,
    parseAllowedHosts,
} from "../../../domain/forwarder/egress";

const ALLOWED = ["ingest.example.com", "alt.example.com:8443", "*.corp.example"];
const HTTP = { allowedHosts: ALLOWED, arthurCloud: false };
const ARTHUR = { allowedHosts: ALLOWED, arthurCloud: true };
const NOT_LISTED = (host: string, url: string) =>
    `must name a host listed in allowedHosts: add ${JSON.stringify(host)} to allowedHosts to send there (got ${JSON.stringify(url)})`;
const NOT_LISTED_ARTHUR = (host: string, url: string) =>
    `must name a host listed in allowedHosts: add ${JSON.stringify(host)} to allowedHosts to send there (Arthur's cloud hosts *.arthur.ai need no entry, on port 443) (got ${JSON.stringify(url)})`;
const IP = (address: string, kind: string, url: string) =>
    `must be a DNS name, not an IP address (${address} is an ${address.startsWith("[") ? "IPv6" : "IPv4"} literal, ${kind}) (got ${JSON.stringify(url)})`;
const USERINFO = (host: string, url: string) =>
    `must not contain userinfo (a "user@" before the host: it hides the real host, here ${JSON.stringify(host)}) (got ${JSON.stringify(url)})`;
const LOCAL = (host: string, url: string) =>
    `must be a public DNS name: ${JSON.stringify(host)} names this machine or a private network (got ${JSON.stringify(url)})`;
const HTTPS = (url: string) => `must use https (got ${JSON.stringify(url)})`;

describe("domain/forwarder/egress: where the forwarder may send", () => {
    // [url, policy, expected problem or undefined]
    const table: [string, typeof HTTP, string | undefined][] = [
        // Arthur's cloud hosts need no entry on the arthur sink, on port 443 only.
        ["https://app.arthur.ai", ARTHUR, undefined],
        ["https://platform.arthur.ai/", ARTHUR, undefined],
        ["https://APP.Arthur.AI", ARTHUR, undefined],
        ["https://app.arthur.ai:443", ARTHUR, undefined],
        ["https://app.arthur.ai:8443", ARTHUR, NOT_LISTED_ARTHUR("app.arthur.ai:8443", "https://app.arthur.ai:8443")],
        ["https://arthur.ai", ARTHUR, NOT_LISTED_ARTHUR("arthur.ai", "https://arthur.ai")],
        [
            "https://app.arthur.ai.evil.example",
            ARTHUR,
            NOT_LISTED_ARTHUR("app.arthur.ai.evil.example", "https://app.arthur.ai.evil.example"),
        ],
        ["https://evilarthur.ai", ARTHUR, NOT_LISTED_ARTHUR("evilarthur.ai", "https://evilarthur.ai")],
        // ... and not on the http sink.
        ["https://app.arthur.ai", HTTP, NOT_LISTED("app.arthur.ai", "https://app.arthur.ai")],
        // allowedHosts: exact names on 443, host:port, wildcards for subdomains only.
        ["https://ingest.example.com/v1/capture", HTTP, undefined],
        ["https://ingest.example.com:8443/v1", HTTP, NOT_LISTED("ingest.example.com:8443", "https://ingest.example.com:8443/v1")],
        ["https://alt.example.com:8443", HTTP, undefined],
        ["https://alt.example.com", HTTP, NOT_LISTED("alt.example.com", "https://alt.example.com")],
        ["https://a.b.corp.example", HTTP, undefined],
        ["https://corp.example", HTTP, NOT_LISTED("corp.example", "https://corp.example")],
        ["https://evil.example", ARTHUR, NOT_LISTED_ARTHUR("evil.example", "https://evil.example")],
        // The three, and userinfo in its other spellings.
        ["https://app.arthur.ai@evil.example", ARTHUR, USERINFO("evil.example", "https://app.arthur.ai@evil.example")],
        ["https://user:pass@app.arthur.ai", ARTHUR, USERINFO("app.arthur.ai", "https://user:pass@app.arthur.ai")],
        ["https://@app.arthur.ai", ARTHUR, USERINFO("app.arthur.ai", "https://@app.arthur.ai")],
        ["https://169.254.169.254", ARTHUR, IP("169.254.169.254", "link-local: the instance metadata service", "https://169.254.169.254")],
        ["http://localhost:9001", ARTHUR, HTTPS("http://localhost:9001")],
        ["https://10.0.0.5:8443", HTTP, IP("10.0.0.5", "private", "https://10.0.0.5:8443")],
        // IPv4 in the forms WHATWG URL normalises to a dotted quad.
        ["https://2852039166/", HTTP, IP("169.254.169.254", "link-local: the instance metadata service", "https://2852039166/")],
        ["https://0xA9FEA9FE", HTTP, IP("169.254.169.254", "link-local: the instance metadata service", "https://0xA9FEA9FE")],
        [
            "https://0251.0376.0251.0376",
            HTTP,
            IP("169.254.169.254", "link-local: the instance metadata service", "https://0251.0376.0251.0376"),
        ],
        ["https://127.1", HTTP, IP("127.0.0.1", "loopback", "https://127.1")],
        ["https://0x7f.1", HTTP, IP("127.0.0.1", "loopback", "https://0x7f.1")],
        ["https://172.16.0.1", HTTP, IP("172.16.0.1", "private", "https://172.16.0.1")],
        ["https://192.168.1.1", HTTP, IP("192.168.1.1", "private", "https://192.168.1.1")],
        ["https://169.254.10.1", HTTP, IP("169.254.10.1", "link-local", "https://169.254.10.1")],
        ["https://100.64.0.1", HTTP, IP("100.64.0.1", "carrier-grade NAT", "https://100.64.0.1")],
        ["https://0.0.0.0", HTTP, IP("0.0.0.0", "unspecified", "https://0.0.0.0")],
        ["https://8.8.8.8", HTTP, IP("8.8.8.8", "public", "https://8.8.8.8")],
        // IPv6 literals.
        ["https://[::1]", HTTP, IP("[::1]", "loopback", "https://[::1]")],
        ["https://[::]", HTTP, IP("[::]", "unspecified", "https://[::]")],
        ["https://[fe80::1]", HTTP, IP("[fe80::1]", "link-local", "https://[fe80::1]")],
        ["https://[fd12:3456::1]", HTTP, IP("[fd12:3456::1]", "private (unique local)", "https://[fd12:3456::1]")],
        ["https://[fd00:ec2::254]", HTTP, IP("[fd00:ec2::254]", "the instance metadata service", "https://[fd00:ec2::254]")],
        ["https://[::ffff:169.254.169.254]", HTTP, IP("[::ffff:a9fe:a9fe]", "IPv4-mapped", "https://[::ffff:169.254.169.254]")],
        ["https://[2001:db8::1]", HTTP, IP("[2001:db8::1]", "public", "https://[2001:db8::1]")],
        // Local and private names, single labels, a trailing dot.
        ["https://localhost", HTTP, LOCAL("localhost", "https://localhost")],
        ["https://api.localhost", HTTP, LOCAL("api.localhost", "https://api.localhost")],
        ["https://metadata.google.internal", HTTP, LOCAL("metadata.google.internal", "https://metadata.google.internal")],
        ["https://printer.local", HTTP, LOCAL("printer.local", "https://printer.local")],
        ["https://nas.home.arpa", HTTP, LOCAL("nas.home.arpa", "https://nas.home.arpa")],
        ["https://instance-data", HTTP, 'must be a fully qualified DNS name such as "ingest.example.com" (got "https://instance-data")'],
        [
            "https://ingest.example.com.",
            HTTP,
            'must be a fully qualified DNS name such as "ingest.example.com" (got "https://ingest.example.com.")',
        ],
        // Scheme: https only; loopback http only with the test option (next block).
        ["http://ingest.example.com", HTTP, HTTPS("http://ingest.example.com")],
        ["http://127.0.0.1:8080", HTTP, HTTPS("http://127.0.0.1:8080")],
        ["ftp://ingest.example.com", HTTP, HTTPS("ftp://ingest.example.com")],
        // Query, fragment and odd spellings that move the host or swallow the path.
        [
            "https://ingest.example.com?x=1",
            HTTP,
            'must not contain a query ("?"): the forwarder appends its own path (got "https://ingest.example.com?x=1")',
        ],
        [
            "https://ingest.example.com/v1?",
            HTTP,
            'must not contain a query ("?"): the forwarder appends its own path (got "https://ingest.example.com/v1?")',
        ],
        ["https://ingest.example.com#x", HTTP, 'must not contain a fragment ("#") (got "https://ingest.example.com#x")'],
        [
            "https://evil.example#@ingest.example.com",
            HTTP,
            'must not contain a fragment ("#") (got "https://evil.example#@ingest.example.com")',
        ],
        [
            "https://ingest.example.com\\@evil.example",
            HTTP,
            'must not contain whitespace, backslashes or non-ASCII characters (got "https://ingest.example.com\\\\@evil.example")',
        ],
        [
            " https://ingest.example.com",
            HTTP,
            'must not contain whitespace, backslashes or non-ASCII characters (got " https://ingest.example.com")',
        ],
        [
            "https://ingest.exa\tmple.com",
            HTTP,
            'must not contain whitespace, backslashes or non-ASCII characters (got "https://ingest.exa\\tmple.com")',
        ],
        [
            "https://ingést.example.com",
            HTTP,
            'must not contain whitespace, backslashes or non-ASCII characters (got "https://ingést.example.com")',
        ],
        [
            "https://ingest%2Eexample.com",
            HTTP,
            'must write its host with letters, digits, ".", "-" and an optional ":port" only (no percent-encoding) (got "https://ingest%2Eexample.com")',
        ],
        [
            "https:ingest.example.com",
            HTTP,
            'must be an absolute URL such as "https://ingest.example.com/path" (got "https:ingest.example.com")',
        ],
        ["ingest.example.com", HTTP, 'must be an absolute URL such as "https://ingest.example.com/path" (got "ingest.example.com")'],
        ["", HTTP, 'must be an absolute URL such as "https://ingest.example.com/path" (got "")'],
    ];
    for (const [url, policy, expected] of table) {
        it(`${policy.arthurCloud ? "arthur" : "http"} ${JSON.stringify(url)}: ${expected ?? "allowed"}`, () => {
            assert.equal(egressUrlProblem(url, policy), expected);
        });
    }

    it("allows plain http to loopback only with the test option, and never to other hosts", () => {
        const test = { ...HTTP, allowLoopbackHttp: true };
        assert.deepStrictEqual(
            ["http://127.0.0.1:9001/x", "http://localhost:9001", "http://[::1]:80", "http://ingest.example.com", "http://10.0.0.5"].map(
                (url) => egressUrlProblem(url, test),
            ),
            [undefined, undefined, undefined, HTTPS("http://ingest.example.com"), HTTPS("http://10.0.0.5")],
        );
    });

    it("checks allowedHosts entries: lower-case DNS names, optional port 1-65535, *. wildcards of two or more labels", () => {
        const form = `entries are "host", "host:port" or "*.domain" in lower case, e.g. "ingest.example.com" or "ingest.example.com:8443"`;
        assert.deepStrictEqual(
            [
                "ingest.example.com",
                "ingest.example.com:8443",
                "*.corp.example",
                "Ingest.example.com",
                "*.ai",
                "ingest",
                "10.0.0.5",
                "localhost",
                "api.internal:443",
                "ingest.example.com:0",
                "ingest.example.com:65536",
                "https://ingest.example.com",
                "[::1]:443",
            ].map((entry) => [entry, allowedHostEntryProblem(entry)]),
            [
                ["ingest.example.com", undefined],
                ["ingest.example.com:8443", undefined],
                ["*.corp.example", undefined],
                [
                    "Ingest.example.com",
                    `must be a fully qualified DNS name such as "ingest.example.com" (got "Ingest.example.com"; ${form})`,
                ],
                ["*.ai", `must be a fully qualified DNS name such as "ingest.example.com" (got "*.ai"; ${form})`],
                ["ingest", `must be a fully qualified DNS name such as "ingest.example.com" (got "ingest"; ${form})`],
                ["10.0.0.5", `must be a DNS name, not an IP address (10.0.0.5 is an IPv4 literal, private) (got "10.0.0.5"; ${form})`],
                ["localhost", `must be a public DNS name: "localhost" names this machine or a private network (got "localhost"; ${form})`],
                [
                    "api.internal:443",
                    `must be a public DNS name: "api.internal" names this machine or a private network (got "api.internal:443"; ${form})`,
                ],
                ["ingest.example.com:0", 'must have a port from 1 to 65535 (got "ingest.example.com:0")'],
                ["ingest.example.com:65536", 'must have a port from 1 to 65535 (got "ingest.example.com:65536")'],
                ["https://ingest.example.com", `must be ${form.slice("entries are ".length)} (got "https://ingest.example.com")`],
                ["[::1]:443", `must be ${form.slice("entries are ".length)} (got "[::1]:443")`],
            ],
        );
    });

    it("ignores an invalid entry when matching: it never allows anything", () => {
        assert.equal(
            egressUrlProblem("https://10.0.0.5", { allowedHosts: ["10.0.0.5"], arthurCloud: false }),
            IP("10.0.0.5", "private", "https://10.0.0.5"),
        );
        assert.equal(
            egressUrlProblem("https://ingest.example.com", { allowedHosts: ["Ingest.example.com"], arthurCloud: false }),
            NOT_LISTED("ingest.example.com", "https://ingest.example.com"),
        );
    });

    it("names a sink's destination as host:port, the port always written, for binding a token to it", () => {
        assert.deepStrictEqual(
            [
                "https://App.Arthur.ai/",
                "https://app.arthur.ai:443/x",
                "https://ingest.example.com:8443",
                "http://127.0.0.1",
                "not a url",
            ].map(egressDestination),
            ["app.arthur.ai:443", "app.arthur.ai:443", "ingest.example.com:8443", "127.0.0.1:80", undefined],
        );
    });

    it("carries allowedHosts in one comma-separated variable, and reads an unset or empty one as none", () => {
        assert.equal(formatAllowedHosts(ALLOWED), "ingest.example.com,alt.example.com:8443,*.corp.example");
        assert.deepStrictEqual(parseAllowedHosts(formatAllowedHosts(ALLOWED)), ALLOWED);
        assert.deepStrictEqual([parseAllowedHosts(undefined), parseAllowedHosts("")], [[], []]);
    });
});
