// End-to-end check of Atelier's MCP server with the official MCP TypeScript SDK, over Streamable HTTP.
// Usage: node e2e.mjs <mcp url> <api key>
// The server must run with a slow local/preview model (atelier.providers.local.latency=20s): the first
// call outlives its 10 s client timeout and only completes because progress notifications (every 2 s)
// reset it, as they reset the SDK's default 60 s timeout for a longer generation.
// Exits 0 when every check passed; prints one line per check.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, key] = process.argv.slice(2);
if (!url || !key) {
  console.error("usage: node e2e.mjs <mcp url> <api key>");
  process.exit(2);
}

let failures = 0;
function check(name, condition, detail) {
  console.log(`${condition ? "ok  " : "FAIL"} ${name}${condition || detail === undefined ? "" : ": " + JSON.stringify(detail)}`);
  if (!condition) failures++;
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: "atelier-ts-e2e", version: "1.0.0" });
await client.connect(transport);
check("initialize: server is atelier", client.getServerVersion()?.name === "atelier", client.getServerVersion());
check("resources can be subscribed to", client.getServerCapabilities()?.resources?.subscribe === true);

const { tools } = await client.listTools();
const generate = tools.find((t) => t.name === "generate_image");
check("tools/list has generate_image with a title and an output schema",
  generate?.title === "Generate image" && generate?.outputSchema?.type === "object", generate);

// prompts/get of a template: the ready prompt.
const prompt = await client.getPrompt({ name: "style-photorealistic", arguments: { subject: "a red fox in snow" } });
const promptText = prompt.messages[0]?.content?.text ?? "";
check("prompts/get style-photorealistic is a ready generate_image prompt",
  promptText.includes("generate_image") && promptText.includes("a red fox in snow") && promptText.includes("photorealistic"),
  promptText);

// A subscription to the slow generation, notified when it ends.
let resolveUpdated;
const updated = new Promise((resolve) => (resolveUpdated = resolve));
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => resolveUpdated(n.params.uri));

// The 20 s generation with a 10 s timeout that progress notifications reset.
const progress = [];
let generationId = null;
const started = Date.now();
const result = await client.callTool(
  { name: "generate_image", arguments: { prompt: "a lighthouse in a slow storm --ar 16:9" } },
  CallToolResultSchema,
  {
    timeout: 10_000,
    resetTimeoutOnProgress: true,
    maxTotalTimeout: 600_000,
    onprogress: (p) => {
      progress.push(p);
      const match = /Generation ([0-9a-f-]{36})/.exec(p.message ?? "");
      if (match && generationId === null) {
        generationId = match[1];
        client.subscribeResource({ uri: `atelier://generations/${generationId}` })
          .catch((e) => check("resources/subscribe", false, String(e)));
      }
    },
  },
);
const seconds = Math.round((Date.now() - started) / 1000);
check(`the 20 s generation completed within one call past its 10 s timeout (${seconds} s, ${progress.length} progress notifications)`,
  !result.isError && result.structuredContent?.status === "succeeded" && seconds > 10, result.structuredContent ?? result.content);
check("progress notifications came with increasing progress and the generation id",
  progress.length >= 2 && progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress)
    && generationId !== null && result.structuredContent?.id === generationId,
  progress.slice(0, 3));
check("inline flag --ar 16:9 was applied", result.structuredContent?.aspectRatio === "16:9", result.structuredContent);
const image = result.content.find((c) => c.type === "image");
check("the image came back inline", image?.mimeType === "image/png" && image.data.length > 100);
const link = result.content.find((c) => c.type === "resource_link");
check("no localhost link", !JSON.stringify(result).includes("localhost"));
const read = await client.readResource({ uri: link.uri });
check("the image is readable with resources/read", read.contents[0]?.blob === image.data, link);

const updatedUri = await Promise.race([updated, new Promise((r) => setTimeout(() => r(null), 30_000))]);
check("notifications/resources/updated arrived for the subscribed generation",
  updatedUri === `atelier://generations/${generationId}`, updatedUri);

// notifications/cancelled (an aborted request) cancels the generation it started, which is refunded.
const abort = new AbortController();
let cancelledId = null;
const cancelled = client.callTool(
  { name: "generate_image", arguments: { prompt: "a generation the user gives up on" } },
  CallToolResultSchema,
  {
    signal: abort.signal,
    onprogress: (p) => {
      const match = /Generation ([0-9a-f-]{36})/.exec(p.message ?? "");
      if (match && cancelledId === null) {
        cancelledId = match[1];
        abort.abort("the user changed their mind");
      }
    },
  },
);
const outcome = await cancelled.then(() => "resolved", (e) => String(e));
check("the aborted call was rejected on the client", outcome !== "resolved", outcome);
let status = null;
for (let i = 0; i < 100 && status !== "canceled"; i++) {
  const got = await client.callTool({ name: "get_generation", arguments: { id: cancelledId } });
  status = got.structuredContent?.status;
  if (status !== "canceled") await new Promise((r) => setTimeout(r, 200));
}
check("the generation of the cancelled call was canceled", status === "canceled", status);

await client.close();
console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
