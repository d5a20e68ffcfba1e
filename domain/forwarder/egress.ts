/**
 * Where the capture forwarder may send data: one rule set for the component's validation, the
 * stack file's validation and the Lambda's start-up check (lambdas/capture-forwarder/egressCheck.ts),
 * so a URL the component accepts is one the Lambda accepts and the other way round.
 *
 * A sink URL is parsed strictly: https only, no userinfo, query or fragment, a DNS name (never an
 * IP literal, in any form WHATWG URL normalises, nor a loopback, private or link-local name), port
 * 443 unless an `allowedHosts` entry names another. Its host must match `allowedHosts`, or, for the
 * Arthur sink only, Arthur's cloud domains.
 */

/**
 * Arthur's cloud (SaaS) hosts: any name under arthur.ai. Arthur's v3 API and SDK run at
 * `https://app.arthur.ai/api/v3` (legacy.docs.arthur.ai, "ArthurAI client" and API reference),
 * its newer platform at `https://platform.arthur.ai` (docs.arthur.ai, "Authentication").
 * A self-hosted Arthur must be listed in `allowedHosts`.
 */
export const ARTHUR_CLOUD_HOSTS: readonly string[] = ["*.arthur.ai"];

/** The Lambda environment variable that carries `allowedHosts` (comma-separated). */
const ALLOWED_HOSTS_SEPARATOR = ",";

export interface EgressPolicy {
    /** `allowedHosts` entries: `host`, `host:port` or `*.domain[:port]`. */
    allowedHosts: readonly string[];
    /** True for the Arthur sink: Arthur's cloud hosts need no entry. */
    arthurCloud: boolean;
    /**
     * Plain http to 127.0.0.1, [::1] or localhost, with no entry: tests and local replay only. The
     * stack file and the component cannot set it; only code that builds the check itself can.
     */
    allowLoopbackHttp?: boolean;
}

const DNS_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** Lower-case DNS name of two or more labels whose last label holds a letter (so no IPv4 form passes). */
const DNS_NAME = new RegExp(`^(?:${DNS_LABEL}\\.)+(?=[a-z0-9-]*[a-z])${DNS_LABEL}$`);
/** Names that resolve to this machine or a private network: refused even when listed. */
const LOCAL_NAME = /(^|\.)(localhost|localdomain|local|internal|home\.arpa|intranet|lan)$/;
const LOOPBACK_HTTP_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const HTTPS_PORT = 443;

/** What an IPv4 address is, for the refusal message. */
function ipv4Kind(address: string): string {
    const [a, b] = address.split(".").map(Number);
    if (a === 127) return "loopback";
    if (a === 169 && b === 254) return address === "169.254.169.254" ? "link-local: the instance metadata service" : "link-local";
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
    if (a === 100 && b >= 64 && b <= 127) return "carrier-grade NAT";
    if (a === 0) return "unspecified";
    return "public";
}

function ipv6Kind(bracketed: string): string {
    const address = bracketed.slice(1, -1);
    if (address === "::1") return "loopback";
    if (address === "::") return "unspecified";
    if (address === "fd00:ec2::254") return "the instance metadata service";
    if (/^fe[89ab]/.test(address)) return "link-local";
    if (/^f[cd]/.test(address)) return "private (unique local)";
    if (address.startsWith("::ffff:")) return "IPv4-mapped";
    return "public";
}

/** Why `hostname` (as WHATWG URL normalised it) is not a host the forwarder may name, or undefined. */
function hostnameProblem(hostname: string): string | undefined {
    if (hostname.startsWith("[")) {
        return `must be a DNS name, not an IP address (${hostname} is an IPv6 literal, ${ipv6Kind(hostname)})`;
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(hostname)) {
        // WHATWG URL has already turned decimal, hex, octal and short forms into a dotted quad.
        return `must be a DNS name, not an IP address (${hostname} is an IPv4 literal, ${ipv4Kind(hostname)})`;
    }
    if (LOCAL_NAME.test(hostname)) {
        return `must be a public DNS name: ${JSON.stringify(hostname)} names this machine or a private network`;
    }
    if (!DNS_NAME.test(hostname)) {
        return `must be a fully qualified DNS name such as "ingest.example.com"`;
    }
    return undefined;
}

interface HostPattern {
    /** Exact name, or the suffix after `*.` for a wildcard. */
    name: string;
    wildcard: boolean;
    port: number;
}

/** An `allowedHosts` entry, parsed; a string saying what is wrong with it otherwise. */
function parseHostEntry(entry: string): HostPattern | string {
    if (typeof entry !== "string") return `must be a host name string (got ${JSON.stringify(entry)})`;
    const match = /^(\*\.)?([^:]*)(?::(\d{1,5}))?$/.exec(entry);
    const form = `"host", "host:port" or "*.domain" in lower case, e.g. "ingest.example.com" or "ingest.example.com:8443"`;
    if (match === null) return `must be ${form} (got ${JSON.stringify(entry)})`;
    const port = match[3] === undefined ? HTTPS_PORT : Number(match[3]);
    if (port < 1 || port > 65535) return `must have a port from 1 to 65535 (got ${JSON.stringify(entry)})`;
    const name = match[2];
    const problem = hostnameProblem(name);
    if (problem !== undefined) return `${problem} (got ${JSON.stringify(entry)}; entries are ${form})`;
    return { name, wildcard: match[1] !== undefined, port };
}

/** Why an `allowedHosts` entry is invalid, or undefined. */
export function allowedHostEntryProblem(entry: string): string | undefined {
    const parsed = parseHostEntry(entry);
    return typeof parsed === "string" ? parsed : undefined;
}

function matches(pattern: HostPattern, hostname: string, port: number): boolean {
    if (pattern.port !== port) return false;
    return pattern.wildcard ? hostname.endsWith(`.${pattern.name}`) : hostname === pattern.name;
}

/** The authority of `text` as written (between `//` and the path), before WHATWG rewrites it. */
function rawAuthority(text: string): string {
    const afterScheme = text.slice(text.indexOf("//") + 2);
    const end = afterScheme.search(/[/?#]/);
    return end === -1 ? afterScheme : afterScheme.slice(0, end);
}

/** Refusals of the text itself, before the host is looked at. */
function syntaxProblem(text: string, url: URL): string | undefined {
    const got = `(got ${JSON.stringify(text)})`;
    if (/[\s\\]/.test(text) || /[^\x21-\x7e]/.test(text)) {
        return `must not contain whitespace, backslashes or non-ASCII characters ${got}`;
    }
    if (!text.includes("//")) return `must be an absolute URL such as "https://ingest.example.com/path" ${got}`;
    const authority = rawAuthority(text);
    if (authority.includes("@") || url.username !== "" || url.password !== "") {
        return `must not contain userinfo (a "user@" before the host: it hides the real host, here ${JSON.stringify(url.hostname)}) ${got}`;
    }
    if (!/^[A-Za-z0-9.\-[\]:]+$/.test(authority)) {
        return `must write its host with letters, digits, ".", "-" and an optional ":port" only (no percent-encoding) ${got}`;
    }
    if (text.includes("?")) return `must not contain a query ("?"): the forwarder appends its own path ${got}`;
    if (text.includes("#")) return `must not contain a fragment ("#") ${got}`;
    return undefined;
}

/** https (or loopback http when the policy allows it for tests); the port the URL names. */
function schemeProblem(text: string, url: URL, policy: EgressPolicy): string | undefined {
    if (url.protocol === "https:") return undefined;
    if (url.protocol === "http:" && policy.allowLoopbackHttp === true && LOOPBACK_HTTP_HOSTS.has(url.hostname)) return undefined;
    return `must use https (got ${JSON.stringify(text)})`;
}

/**
 * Why the forwarder must not send to `text` under `policy`, or undefined. The rule table is
 * test/domain/forwarder/egress.spec.ts.
 */
export function egressUrlProblem(text: string, policy: EgressPolicy): string | undefined {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        return `must be an absolute URL such as "https://ingest.example.com/path" (got ${JSON.stringify(text)})`;
    }
    const syntax = syntaxProblem(text, url) ?? schemeProblem(text, url, policy);
    if (syntax !== undefined) return syntax;
    if (url.protocol === "http:") return undefined;
    const hostname = url.hostname;
    const host = hostnameProblem(hostname);
    if (host !== undefined) return `${host} (got ${JSON.stringify(text)})`;
    const port = url.port === "" ? HTTPS_PORT : Number(url.port);
    const patterns = policy.allowedHosts.map(parseHostEntry).filter((p): p is HostPattern => typeof p !== "string");
    const defaults = policy.arthurCloud
        ? ARTHUR_CLOUD_HOSTS.map(parseHostEntry).filter((p): p is HostPattern => typeof p !== "string")
        : [];
    if ([...patterns, ...defaults].some((pattern) => matches(pattern, hostname, port))) return undefined;
    const named = port === HTTPS_PORT ? hostname : `${hostname}:${port}`;
    const cloud = policy.arthurCloud ? ` (Arthur's cloud hosts ${ARTHUR_CLOUD_HOSTS.join(", ")} need no entry, on port 443)` : "";
    return `must name a host listed in allowedHosts: add ${JSON.stringify(named)} to allowedHosts to send there${cloud} (got ${JSON.stringify(text)})`;
}

/**
 * The host a sink URL sends to, as `host:port` (lower case, port always written), or undefined
 * when the URL does not parse: what a token secret is bound to.
 */
export function egressDestination(text: string): string | undefined {
    try {
        const url = new URL(text);
        return `${url.hostname}:${url.port === "" ? (url.protocol === "http:" ? 80 : HTTPS_PORT) : url.port}`;
    } catch {
        return undefined;
    }
}

/** `allowedHosts` as the Lambda environment carries it. */
export function formatAllowedHosts(allowedHosts: readonly string[]): string {
    return allowedHosts.join(ALLOWED_HOSTS_SEPARATOR);
}

/** The Lambda environment's `allowedHosts` value, split; an unset or empty variable lists none. */
export function parseAllowedHosts(value: string | undefined): string[] {
    return value === undefined || value === "" ? [] : value.split(ALLOWED_HOSTS_SEPARATOR);
}
