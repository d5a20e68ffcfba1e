import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import puppeteer, { Browser } from "puppeteer-core";
import { DashboardBody, widgetTitle } from "../../dashboards/model";
import { buildDashboardPreview } from "../../tools/synth/dashboardPreview";
import { ROOT, synthStackOnce } from "../support/synthCli";

/** Debian's chromium (`.ci/run` installs it); puppeteer-core downloads no browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = path.join(ROOT, "out", "preview");

describe("dashboards/index.html in headless Chromium", function () {
    this.timeout(120000);
    let browser: Browser;
    before(async () => {
        if (!fs.existsSync(CHROMIUM)) {
            throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
        }
        browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--headless"] });
    });
    after(async () => browser?.close());

    /** Opens `file` with every network request refused; returns what the page drew and what went wrong. */
    async function open(file: string, screenshot: string) {
        const page = await browser.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on("console", (message) => (message.type() === "error" ? errors.push(message.text()) : undefined));
        page.on("pageerror", (error) => errors.push(String(error)));
        await page.setRequestInterception(true);
        page.on("request", (request) => {
            if (request.url().startsWith("file:")) {
                void request.continue();
            } else {
                requests.push(request.url());
                void request.abort();
            }
        });
        await page.setViewport({ width: 1600, height: 1000 });
        await page.goto(`file://${file}`, { waitUntil: "load" });
        const drawn = await page.$$eval(".widget", (nodes) =>
            nodes.map((n) => ({
                dashboard: n.getAttribute("data-dashboard"),
                title: n.querySelector(".title")?.textContent ?? "",
                // No DOM typings in this project: the element is read for its box only.
                visible:
                    (n as unknown as { offsetWidth: number }).offsetWidth > 0 &&
                    (n as unknown as { offsetHeight: number }).offsetHeight > 0,
            })),
        );
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, screenshot), fullPage: true });
        await page.close();
        return { errors, requests, drawn };
    }

    it("draws every widget of every dev dashboard with its title, without console errors or network access", async () => {
        const run = await synthStackOnce("dev");
        const dir = path.join(run.dir, "dashboards");
        const bodies = fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".json"))
            .sort()
            .map((f) => ({
                name: f.replace(/\.json$/, ""),
                body: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as DashboardBody,
            }));
        const { errors, requests, drawn } = await open(path.join(dir, "index.html"), "dev.png");
        assert.deepStrictEqual({ errors, requests }, { errors: [], requests: [] });
        const expected = bodies.flatMap((d) => d.body.widgets.map((w) => ({ dashboard: d.name, title: widgetTitle(w), visible: true })));
        assert.strictEqual(
            drawn.length,
            bodies.reduce((n, d) => n + d.body.widgets.length, 0),
        );
        assert.deepStrictEqual(
            [...drawn].sort((a, b) => (a.dashboard! + a.title < b.dashboard! + b.title ? -1 : 1)),
            [...expected].sort((a, b) => (a.dashboard + a.title < b.dashboard + b.title ? -1 : 1)),
        );
        assert.ok(fs.statSync(path.join(SCREENSHOTS, "dev.png")).size > 0);
    });

    it("says so when a stack declares no dashboards", async () => {
        const file = path.join(SCREENSHOTS, "empty.html");
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        fs.writeFileSync(file, buildDashboardPreview("empty", []));
        const { errors, drawn } = await open(file, "empty.png");
        assert.deepStrictEqual({ errors, drawn }, { errors: [], drawn: [] });
    });
});
