// Runs every MCP client configuration of docs/agents.md marked <!-- check: stdio --> or
// <!-- check: http --> once, with the official MCP TypeScript SDK, the way a host would: start the
// stdio command with its args and env, or connect to the url with its headers; then initialize,
// list the tools and generate an image.
// Usage: node check-docs.mjs <docs/agents.md> <atelier.jar> <running server's /mcp URL> <its API key>
// Placeholders filled in: /path/to/atelier.jar, /path/to/atelier-mcp-data (a new temp dir per block),
// http://localhost:8080/mcp, ${input:atelier-key} and your-atelier-api-key.
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [docs, jar, url, key] = process.argv.slice(2);
if (!docs || !jar || !url || !key) {
  console.error("usage: node check-docs.mjs <docs/agents.md> <atelier.jar> <mcp url> <api key>");
  process.exit(2);
}

const blocks = [...readFileSync(docs, "utf8").matchAll(/<!-- check: (stdio|http) -->\s*```json\n([\s\S]*?)```/g)];
let failures = 0;
for (const [, kind, json] of blocks) {
  const config = JSON.parse(json);
  const server = (config.servers ?? config.mcpServers).atelier;
  const label = `${config.servers ? "servers" : "mcpServers"} ${kind}`;
  try {
    let transport;
    if (kind === "stdio") {
      const data = mkdtempSync(join(tmpdir(), "atelier-doc-"));
      const args = server.args.map((a) => a.replace("/path/to/atelier.jar", jar).replace("/path/to/atelier-mcp-data", data));
      transport = new StdioClientTransport({ command: server.command, args, env: { ...process.env, ...server.env }, stderr: "ignore" });
    } else {
      const headers = Object.fromEntries(Object.entries(server.headers ?? {}).map(([k, v]) =>
        [k, v.replace("${input:atelier-key}", key).replace("your-atelier-api-key", key)]));
      transport = new StreamableHTTPClientTransport(new URL(server.url.replace("http://localhost:8080/mcp", url)),
        { requestInit: { headers } });
    }
    const client = new Client({ name: "atelier-doc-check", version: "1.0.0" });
    await client.connect(transport);
    const { tools } = await client.listTools();
    const result = await client.callTool({ name: "generate_image", arguments: { prompt: "a paper crane", wait_seconds: 30 } });
    await client.close();
    const ok = tools.length === 10 && !result.isError && result.structuredContent?.status === "succeeded";
    console.log(`${ok ? "ok  " : "FAIL"} ${label}: ${tools.length} tools, generation ${result.structuredContent?.status}`);
    if (!ok) failures++;
  } catch (e) {
    console.log(`FAIL ${label}: ${e}`);
    failures++;
  }
}
console.log(`${blocks.length} configuration(s) checked, ${failures} failed`);
process.exit(failures === 0 && blocks.length > 0 ? 0 : 1);
