/**
 * Static files of the status page for the dev server.
 *
 * Decides which file a URL path names (never one outside the root) and the
 * content type it is served with. When the page has not been written yet, a
 * one-line placeholder stands in for `index.html`.
 *
 * @module
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  map: "application/json; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
  wasm: "application/wasm",
  woff2: "font/woff2",
};

/** The content type for a file name, by extension. */
export function contentType(name: string): string {
  const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

/**
 * The file under `root` that URL `pathname` names, or `null` when the path
 * escapes the root or is malformed. `/` and directories map to `index.html`.
 */
export function resolveStatic(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const parts = decoded.split("/").filter((part) =>
    part !== "" && part !== "."
  );
  if (
    parts.some((part) =>
      part === ".." || part.includes("\\") || part.includes("\0")
    )
  ) {
    return null;
  }
  if (decoded.endsWith("/") || parts.length === 0) parts.push("index.html");
  return `${root.replace(/\/+$/, "")}/${parts.join("/")}`;
}

/** Serves `pathname` from `root`: 200 with the file, the placeholder for a missing index, else 404. */
export async function serveStatic(
  root: string,
  pathname: string,
): Promise<Response> {
  const path = resolveStatic(root, pathname);
  if (path === null) return new Response("not found\n", { status: 404 });
  try {
    const info = await Deno.stat(path);
    if (info.isDirectory) {
      return await serveStatic(root, `${pathname.replace(/\/+$/, "")}/`);
    }
    const file = await Deno.open(path, { read: true });
    return new Response(file.readable, {
      headers: {
        "Content-Type": contentType(path),
        "Cache-Control": "no-cache",
      },
    });
  } catch {
    if (path.endsWith("/index.html") && path === resolveStatic(root, "/")) {
      return new Response(
        "<!doctype html><title>generate-program</title><p>The status page (web/) is not built yet.</p>\n",
        { headers: { "Content-Type": contentType("index.html") } },
      );
    }
    return new Response("not found\n", { status: 404 });
  }
}
