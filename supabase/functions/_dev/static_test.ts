import assert from "node:assert/strict";
import { contentType, resolveStatic, serveStatic } from "./static.ts";

Deno.test("paths_map_into_the_root_and_directories_to_index_html", () => {
  assert.equal(resolveStatic("/web", "/"), "/web/index.html");
  assert.equal(resolveStatic("/web/", "/app.js"), "/web/app.js");
  assert.equal(resolveStatic("/web", "/a/"), "/web/a/index.html");
});

Deno.test("paths_that_escape_the_root_are_refused", () => {
  for (
    const path of [
      "/../etc/passwd",
      "/a/%2e%2e/%2e%2e/x",
      "/%E0%A4%A",
      "/a\\..\\b",
    ]
  ) {
    assert.equal(resolveStatic("/web", path), null, path);
  }
});

Deno.test("content_types_follow_the_extension", () => {
  assert.equal(contentType("index.html"), "text/html; charset=utf-8");
  assert.equal(contentType("app.JS"), "text/javascript; charset=utf-8");
  assert.equal(contentType("style.css"), "text/css; charset=utf-8");
  assert.equal(contentType("blob.bin"), "application/octet-stream");
});

Deno.test("files_are_served_and_a_missing_index_gets_the_placeholder", async () => {
  const root = await Deno.makeTempDir();
  try {
    const empty = await serveStatic(root, "/");
    assert.equal(empty.status, 200);
    assert.match(await empty.text(), /not built yet/);
    await Deno.writeTextFile(`${root}/index.html`, "<h1>page</h1>");
    await Deno.writeTextFile(`${root}/app.js`, "export {};");
    const index = await serveStatic(root, "/");
    assert.equal(await index.text(), "<h1>page</h1>");
    const script = await serveStatic(root, "/app.js");
    assert.equal(
      script.headers.get("content-type"),
      "text/javascript; charset=utf-8",
    );
    await script.body?.cancel();
    const missing = await serveStatic(root, "/nope.css");
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
